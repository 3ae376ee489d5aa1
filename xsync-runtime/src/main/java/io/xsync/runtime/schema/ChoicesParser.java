package io.xsync.runtime.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stored values out of a {@code choices} option, a Python tuple (or list) literal of
 * pairs such as {@code (('a', 'A'), ('b', 'B'))}: the result is {@code [a, b]}. Elements may be
 * quoted strings (single or double quotes) or bare words/numbers.
 */
final class ChoicesParser {
    private final String text;
    private final SourceRef where;
    private int pos;

    private ChoicesParser(String text, SourceRef where) {
        this.text = text;
        this.where = where;
    }

    /** The first element of every pair, in order. */
    static List<String> values(String text, SourceRef where) {
        ChoicesParser p = new ChoicesParser(text, where);
        List<Object> outer = p.sequence();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the closing bracket");
        }
        List<String> values = new ArrayList<>();
        for (Object pair : outer) {
            if (!(pair instanceof List<?> l) || l.isEmpty() || l.get(0) instanceof List) {
                throw p.error("each choice must be a (value, label) pair, found " + pair);
            }
            values.add((String) l.get(0));
        }
        return values;
    }

    private List<Object> sequence() {
        skipSpace();
        char open = peek();
        if (open != '(' && open != '[') {
            throw error("expected '(' or '['");
        }
        char close = open == '(' ? ')' : ']';
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                return items;
            }
            items.add(element());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != close) {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private Object element() {
        char ch = peek();
        if (ch == '(' || ch == '[') {
            return sequence();
        }
        if (ch == '\'' || ch == '"') {
            int end = text.indexOf(ch, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                || "._-+".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a value");
        }
        return text.substring(start, pos);
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private XprotoException error(String message) {
        return new XprotoException(where, "bad choices \"" + text + "\": " + message + " at offset " + pos);
    }
}
