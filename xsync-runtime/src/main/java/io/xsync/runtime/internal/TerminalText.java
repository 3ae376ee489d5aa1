package io.xsync.runtime.internal;

/**
 * Makes text from the store or from clients safe to print on a terminal: control characters
 * (C0, DEL, C1, which start escape sequences that clear the screen, set the title or move the
 * cursor) and the bidirectional overrides (which reorder what is shown) become visible escapes
 * such as {@code \x1b} or {@code \u202e}. Other text, non-ASCII letters included, is unchanged.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} with every control character escaped; null stays null. */
    public static String escape(String text) {
        if (text == null || isClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
