package io.xsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.api.ModelObject;
import io.xsync.runtime.internal.TerminalText;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.ModelDef;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints model objects as a table, as {@code field: value} lines, or as JSON lines. Values are
 * printed with control characters escaped ({@link TerminalText}); JSON escapes them itself.
 */
final class ObjectPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CELL = 40;
    /** Base fields shown in tables besides id and the model's own fields. */
    private static final List<String> TABLE_BASE = List.of("backend_code", "backend_status");

    private final PrintWriter out;

    ObjectPrinter(PrintWriter out) {
        this.out = out;
    }

    /** One JSON object per line with every field, base fields included. */
    void json(List<ModelObject> objects) {
        for (ModelObject o : objects) {
            json(o);
        }
    }

    void json(ModelObject o) {
        Map<String, Object> fields = new LinkedHashMap<>();
        o.fields().forEach((k, v) -> fields.put(k, v instanceof Instant ? v.toString() : v));
        try {
            out.println(JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + o.model().name() + " " + o.id() + " as JSON", e);
        }
    }

    /** Every field of one object, one per line. */
    void vertical(ModelObject o) {
        int width = 0;
        for (String k : o.fields().keySet()) {
            width = Math.max(width, k.length());
        }
        for (Map.Entry<String, Object> e : o.fields().entrySet()) {
            out.println(TextTable.pad(e.getKey(), width) + "  " + text(e.getValue()));
        }
    }

    /** A table of id, the model's own fields and the sync status. */
    void table(ModelDef model, List<ModelObject> objects) {
        List<String> columns = new ArrayList<>();
        columns.add("id");
        for (FieldDef f : model.fields()) {
            if (!f.base()) {
                columns.add(f.name());
            }
        }
        columns.addAll(TABLE_BASE);
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns);
        for (ModelObject o : objects) {
            List<String> row = new ArrayList<>();
            for (String c : columns) {
                row.add(cell(o.get(c)));
            }
            rows.add(row);
        }
        TextTable.print(out, rows);
    }

    private static String cell(Object value) {
        String t = text(value);
        return t.length() > MAX_CELL ? t.substring(0, MAX_CELL - 1) + "…" : t;
    }

    private static String text(Object value) {
        return value == null ? "" : TerminalText.escape(value.toString());
    }
}
