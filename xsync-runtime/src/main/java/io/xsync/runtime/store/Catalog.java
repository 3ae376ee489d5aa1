package io.xsync.runtime.store;

import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of a schema and how they link: which tables may hold an object a link points at
 * (the peer and every model inheriting from it), and which link columns point at a model.
 */
final class Catalog {
    /** A link column of a table. */
    record LinkColumn(Table table, String column, FieldDef field) {
    }

    private final Schema schema;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, List<Table>> holders = new LinkedHashMap<>();
    private final Map<String, List<LinkColumn>> incoming = new LinkedHashMap<>();

    Catalog(Schema schema) {
        this.schema = schema;
        for (ModelDef m : schema.models()) {
            tables.put(m.name(), new Table(m));
        }
        for (ModelDef m : schema.models()) {
            holders.put(m.name(), computeHolders(m.name()));
            incoming.put(m.name(), computeIncoming(m));
        }
    }

    Schema schema() {
        return schema;
    }

    /** The table of a model; UNKNOWN_MODEL if the schema has none. */
    Table table(String model) {
        Table t = tables.get(model);
        if (t == null) {
            schema.model(model); // throws naming the model
        }
        return t;
    }

    Iterable<Table> tables() {
        return tables.values();
    }

    /** Tables that may hold an object of {@code model}: its own and those of models inheriting from it. */
    List<Table> holders(String model) {
        List<Table> h = holders.get(model);
        return h == null ? List.of() : h;
    }

    /** Link columns (in any table) that may point at an object of {@code model}. */
    List<LinkColumn> incoming(String model) {
        List<LinkColumn> l = incoming.get(model);
        return l == null ? List.of() : l;
    }

    /** The model and its ancestors (parents that the schema defines, transitively). */
    Set<String> selfAndAncestors(String model) {
        Set<String> out = new LinkedHashSet<>();
        collectAncestors(model, out);
        return out;
    }

    private void collectAncestors(String model, Set<String> out) {
        if (!out.add(model)) {
            return;
        }
        ModelDef d = schema.find(model);
        if (d != null) {
            for (String p : d.parents()) {
                if (schema.find(p) != null) {
                    collectAncestors(p, out);
                }
            }
        }
    }

    private List<Table> computeHolders(String model) {
        List<Table> out = new ArrayList<>();
        for (ModelDef m : schema.models()) {
            if (selfAndAncestors(m.name()).contains(model)) {
                out.add(tables.get(m.name()));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private List<LinkColumn> computeIncoming(ModelDef target) {
        Set<String> names = selfAndAncestors(target.name());
        List<LinkColumn> out = new ArrayList<>();
        for (Table t : tables.values()) {
            for (FieldDef f : t.linkColumns()) {
                if (names.contains(f.link().peer())) {
                    out.add(new LinkColumn(t, Table.columnName(f), f));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }
}
