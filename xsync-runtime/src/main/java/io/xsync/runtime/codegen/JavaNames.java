package io.xsync.runtime.codegen;

import java.util.Locale;
import java.util.Set;

/** Turns xproto names and texts into Java identifiers, literals and Javadoc. */
final class JavaNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits");

    private JavaNames() {
    }

    /** {@code first_name} as {@code FirstName}. */
    static String upperCamel(String name) {
        StringBuilder out = new StringBuilder();
        boolean up = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = true;
            } else if (up) {
                out.append(Character.toUpperCase(c));
                up = false;
            } else {
                out.append(c);
            }
        }
        return out.length() == 0 ? "X" : out.toString();
    }

    /** {@code first_name} as {@code FIRST_NAME}; any text as an upper-case identifier. */
    static String constant(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
        }
        String s = out.toString();
        if (s.isEmpty() || s.chars().allMatch(c -> c == '_')) {
            return "EMPTY" + s;
        }
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** {@code name} as a parameter name that is not a keyword. */
    static String parameter(String name) {
        String lower = Character.toLowerCase(upperCamel(name).charAt(0)) + upperCamel(name).substring(1);
        return KEYWORDS.contains(lower) ? lower + "_" : lower;
    }

    /** A Java string literal of {@code s}. */
    static String literal(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code text} made safe inside a Javadoc comment (HTML and comment ends escaped). */
    static String doc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;").replace("\\u", "\\\\u").replace("\r", "").replace("\n", " ");
    }

    /** Whether {@code pkg} is empty or a valid dotted Java package name. */
    static boolean isPackage(String pkg) {
        if (pkg.isEmpty()) {
            return true;
        }
        for (String part : pkg.split("\\.", -1)) {
            if (part.isEmpty() || KEYWORDS.contains(part) || !Character.isJavaIdentifierStart(part.charAt(0))
                    || !part.chars().allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }
}
