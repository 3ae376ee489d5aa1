package io.xsync.runtime.internal;

import java.util.regex.Pattern;

/** Removes secrets from text that is logged or printed. */
public final class Redact {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private Redact() {
    }

    /** A JDBC URL with any {@code password=...} parameter value replaced by {@code ***}. */
    public static String jdbcUrl(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
    }
}
