package io.xsync.runtime.schema;

/**
 * One lexical token of an xproto file.
 *
 * @param kind   what the token is
 * @param text   the token text; for strings the unquoted, unescaped value
 * @param line   1-based line of the first character
 * @param column 1-based column of the first character
 */
record XprotoToken(Kind kind, String text, int line, int column) {

    /** Token kinds. Punctuation tokens carry their characters in {@code text}. */
    enum Kind { IDENT, NUMBER, STRING, PUNCT, EOF }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isPunct(String t) {
        return is(Kind.PUNCT, t);
    }

    boolean isIdent(String t) {
        return is(Kind.IDENT, t);
    }

    /** How the token is named in error messages: {@code '}'}, {@code 'foo'}, {@code end of file}. */
    String describe() {
        switch (kind) {
            case EOF: return "end of file";
            case STRING: return "string \"" + text + "\"";
            case NUMBER: return "number " + text;
            default: return "'" + text + "'";
        }
    }
}
