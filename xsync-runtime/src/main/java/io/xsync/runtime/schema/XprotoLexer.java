package io.xsync.runtime.schema;

import java.nio.file.Path;

/**
 * Splits xproto text into tokens on demand. Skips whitespace, {@code //} and {@code /* *}{@code /}
 * comments. Strings may use single or double quotes with backslash escapes. {@code ->} and
 * {@code ::} are single tokens.
 */
final class XprotoLexer {
    private static final String SINGLE_PUNCT = "(){}[]=;,:/+<>-";

    private final Path file;
    private final String src;
    private int pos;
    private int line = 1;
    private int col = 1;

    XprotoLexer(Path file, String src) {
        this.file = file;
        this.src = src;
    }

    /** The next token, or an EOF token at the end. */
    XprotoToken next() {
        skipTrivia();
        if (pos >= src.length()) {
            return new XprotoToken(XprotoToken.Kind.EOF, "", line, col);
        }
        int l = line;
        int c = col;
        char ch = src.charAt(pos);
        if (Character.isLetter(ch) || ch == '_') {
            return new XprotoToken(XprotoToken.Kind.IDENT, identifier(), l, c);
        }
        if (Character.isDigit(ch) || (ch == '-' && isDigitAt(pos + 1))
                || (ch == '.' && isDigitAt(pos + 1))) {
            return new XprotoToken(XprotoToken.Kind.NUMBER, number(), l, c);
        }
        if (ch == '"' || ch == '\'') {
            return new XprotoToken(XprotoToken.Kind.STRING, string(l, c), l, c);
        }
        if (src.startsWith("->", pos) || src.startsWith("::", pos)) {
            String t = src.substring(pos, pos + 2);
            advance(2);
            return new XprotoToken(XprotoToken.Kind.PUNCT, t, l, c);
        }
        if (SINGLE_PUNCT.indexOf(ch) >= 0) {
            advance(1);
            return new XprotoToken(XprotoToken.Kind.PUNCT, String.valueOf(ch), l, c);
        }
        throw error(l, c, "unexpected character '" + ch + "'");
    }

    /**
     * Skips the body of a {@code policy name < ... >} statement whose opening {@code <} was the
     * last token returned: up to the matching {@code >}, ignoring {@code ->}, strings and comments.
     */
    void skipPolicyBody(XprotoToken open) {
        int depth = 1;
        while (true) {
            skipTrivia();
            if (pos >= src.length()) {
                throw error(open.line(), open.column(), "policy body opened here is not closed with '>'");
            }
            char ch = src.charAt(pos);
            if (ch == '"' || ch == '\'') {
                string(line, col);
            } else if (src.startsWith("->", pos)) {
                advance(2);
            } else {
                advance(1);
                if (ch == '<') {
                    depth++;
                } else if (ch == '>' && --depth == 0) {
                    return;
                }
            }
        }
    }

    XprotoException error(int l, int c, String message) {
        return new XprotoException(new SourceRef(file, l, c), message);
    }

    private String identifier() {
        int start = pos;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            boolean dotted = ch == '.' && pos + 1 < src.length()
                    && Character.isLetterOrDigit(src.charAt(pos + 1));
            if (!(Character.isLetterOrDigit(ch) || ch == '_' || dotted)) {
                break;
            }
            advance(1);
        }
        return src.substring(start, pos);
    }

    private String number() {
        int start = pos;
        if (src.charAt(pos) == '-') {
            advance(1);
        }
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            boolean exponentSign = (ch == '+' || ch == '-') && pos > start
                    && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E');
            if (!(Character.isLetterOrDigit(ch) || ch == '.' || exponentSign)) {
                break;
            }
            advance(1);
        }
        return src.substring(start, pos);
    }

    private String string(int l, int c) {
        char quote = src.charAt(pos);
        advance(1);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(l, c, "string is not closed with " + quote + " on its line");
            }
            char ch = src.charAt(pos);
            if (ch == quote) {
                advance(1);
                return sb.toString();
            }
            if (ch == '\\' && pos + 1 < src.length()) {
                sb.append(unescape(src.charAt(pos + 1)));
                advance(2);
            } else {
                sb.append(ch);
                advance(1);
            }
        }
    }

    private static char unescape(char ch) {
        switch (ch) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            default: return ch;
        }
    }

    private void skipTrivia() {
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (Character.isWhitespace(ch)) {
                advance(1);
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    advance(1);
                }
            } else if (src.startsWith("/*", pos)) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int l = line;
        int c = col;
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
            throw error(l, c, "comment is not closed with '*/'");
        }
        advance(end + 2 - pos);
    }

    private boolean isDigitAt(int i) {
        return i < src.length() && Character.isDigit(src.charAt(i));
    }

    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            if (src.charAt(pos) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            pos++;
        }
    }
}
