package io.xsync.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output as the README shows it, compiled to a pattern: {@code ...} within a line stands for any
 * text on that line, a line that is only {@code ...} for any number of lines (none included),
 * and a run of whitespace for any run of whitespace (so column padding and the line breaks that
 * {@code ls} uses when it does not print to a terminal do not matter).
 */
final class OutputPattern {
    private static final String WILDCARD = "...";
    private static final Pattern CHUNK = Pattern.compile("\\s+|\\.\\.\\.|(?:(?!\\.\\.\\.)\\S)+");

    private final Pattern pattern;
    private final String shown;

    private OutputPattern(Pattern pattern, String shown) {
        this.pattern = pattern;
        this.shown = shown;
    }

    /** The pattern of the whole output shown as {@code lines}. */
    static OutputPattern ofLines(List<String> lines) {
        StringBuilder re = new StringBuilder();
        boolean afterText = false;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.equals(WILDCARD)) {
                re.append(afterText ? "(?:\\s+[\\s\\S]*?)?" : "(?:[\\s\\S]*?\\s+)?");
            } else if (!trimmed.isEmpty()) {
                re.append(afterText ? "\\s+" : "").append(line(trimmed));
                afterText = true;
            }
        }
        return new OutputPattern(Pattern.compile(re.toString()), String.join("\n", lines));
    }

    /** The pattern of one line, found anywhere in a line of text (for log lines). */
    static OutputPattern ofLogLine(String line) {
        return new OutputPattern(Pattern.compile(line(line.strip())), line);
    }

    /** True when {@code output}, leading and trailing whitespace aside, is what the README shows. */
    boolean matchesAll(String output) {
        return pattern.matcher(output.strip()).matches();
    }

    /** True when some line of {@code text} contains the shown line. */
    boolean foundInSomeLine(String text) {
        return text.lines().anyMatch(l -> pattern.matcher(l).find());
    }

    @Override
    public String toString() {
        return shown;
    }

    private static String line(String text) {
        StringBuilder re = new StringBuilder();
        Matcher m = CHUNK.matcher(text);
        while (m.find()) {
            String chunk = m.group();
            if (chunk.equals(WILDCARD)) {
                re.append("[^\\n]*?");
            } else if (chunk.isBlank()) {
                re.append("\\s+");
            } else {
                re.append(Pattern.quote(chunk));
            }
        }
        return re.toString();
    }
}
