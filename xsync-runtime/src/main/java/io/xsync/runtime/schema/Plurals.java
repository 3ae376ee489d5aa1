package io.xsync.runtime.schema;

import java.util.Locale;

/**
 * English plurals of model names, as XOS names controller models ({@code ControllerImages}):
 * a model's {@code plural} option wins; otherwise the usual suffix rules.
 */
final class Plurals {
    private Plurals() {
    }

    /** The plural of {@code name}; {@code option} is the model's {@code plural} option or null. */
    static String of(String name, String option) {
        if (option != null && !option.isEmpty()) {
            return option;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
                || lower.endsWith("sh")) {
            return name + "es";
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return name.substring(0, name.length() - 1) + "ies";
        }
        return name + "s";
    }
}
