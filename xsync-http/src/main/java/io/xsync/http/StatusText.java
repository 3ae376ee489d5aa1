package io.xsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.runtime.internal.TerminalText;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders a status summary (the JSON of {@code /api/status}) as plain-text tables for a terminal.
 * Every value is printed with its control characters escaped ({@link TerminalText}).
 */
public final class StatusText {
    private static final int MAX_MESSAGE = 120;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private StatusText() {
    }

    /**
     * On a large store the counts come from the latest background count (see the status
     * summary): says when it was taken if that is more than a second before the summary.
     */
    private static String countedNote(JsonNode status) {
        try {
            Instant counted = Instant.parse(status.path("counted").asText());
            Instant generated = Instant.parse(status.path("generated").asText());
            return Duration.between(counted, generated).toMillis() > 1000 ? " (counted at " + counted + ")" : "";
        } catch (DateTimeParseException e) {
            return ""; // a server that does not say
        }
    }

    /** The whole summary; {@code source} says where it came from. */
    public static String render(JsonNode status, String source) {
        StringBuilder out = new StringBuilder();
        out.append("xsync status of '").append(text(status.path("name"))).append("' at ")
                .append(text(status.path("generated"))).append('\n');
        out.append("source: ").append(TerminalText.escape(source)).append('\n');
        readiness(out, status.path("readiness"));
        out.append('\n').append("MODELS").append(countedNote(status)).append('\n');
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("model", "total", "ok", "pending", "error", "no_sync", "deleted", "owner"));
        for (JsonNode m : status.path("models")) {
            rows.add(List.of(m.path("model").asText(), m.path("total").asText(), m.path("ok").asText(),
                    m.path("pending").asText(), m.path("error").asText(), m.path("no_sync").asText("0"),
                    m.path("deleted").asText(), m.path("owner").isTextual() ? m.path("owner").asText() : "-"));
        }
        table(out, rows);
        out.append('\n').append("LATEST ERRORS\n");
        if (status.path("errors").isEmpty()) {
            out.append("  none\n");
        } else {
            rows = new ArrayList<>();
            rows.add(List.of("model", "id", "when", "message"));
            for (JsonNode e : status.path("errors")) {
                rows.add(List.of(e.path("model").asText(), e.path("id").asText(), e.path("when").asText(""),
                        shorten(e.path("message").asText(""))));
            }
            table(out, rows);
        }
        for (JsonNode s : status.path("sections")) {
            out.append('\n').append(text(s.path("name")).toUpperCase(Locale.ROOT)).append('\n');
            section(out, s);
        }
        return out.toString();
    }

    private static void readiness(StringBuilder out, JsonNode checks) {
        if (checks.isEmpty()) {
            return;
        }
        out.append("ready:");
        for (JsonNode c : checks) {
            out.append(' ').append(text(c.path("name"))).append('=')
                    .append(c.path("ready").asBoolean() ? "yes" : "NO (" + text(c.path("detail")) + ")");
        }
        out.append('\n');
    }

    private static void section(StringBuilder out, JsonNode s) {
        if (s.has("error")) {
            out.append("  unavailable: ").append(text(s.path("error"))).append('\n');
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode row : s.path("rows")) {
            Iterator<String> names = row.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!columns.contains(n)) {
                    columns.add(n);
                }
            }
        }
        if (columns.isEmpty()) {
            out.append("  nothing to show\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns);
        for (JsonNode row : s.path("rows")) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = row.get(c);
                cells.add(v == null || v.isNull() ? "" : shorten(v.asText()));
            }
            rows.add(cells);
        }
        table(out, rows);
    }

    private static void table(StringBuilder out, List<List<String>> rows) {
        int[] width = new int[rows.get(0).size()];
        for (int k = 0; k < rows.size(); k++) {
            List<String> r = rows.get(k);
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], TerminalText.escape(k == 0 ? r.get(i).toUpperCase(Locale.ROOT) : r.get(i)).length());
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            List<String> r = rows.get(k);
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.size(); i++) {
                String cell = TerminalText.escape(k == 0 ? r.get(i).toUpperCase(Locale.ROOT) : r.get(i));
                String pad = " ".repeat(width[i] - cell.length());
                boolean number = k > 0 && NUMBER.matcher(cell).matches();
                line.append(number ? pad + cell : cell + pad).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String text(JsonNode node) {
        return TerminalText.escape(node.asText());
    }

    private static String shorten(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
