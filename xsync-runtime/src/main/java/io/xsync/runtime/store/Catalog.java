package io.xsync.runtime.store;

import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.LinkDef;
import io.xsync.runtime.schema.ManyToMany;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    private final Map<String, ManyToMany> joinTables = new LinkedHashMap<>();

    Catalog(Schema schema) {
        this.schema = schema;
        for (ModelDef m : schema.models()) {
            Map<String, ManyToMany> m2m = new LinkedHashMap<>();
            for (LinkDef l : m.manyToManyLinks()) {
                ManyToMany resolved = ManyToMany.of(schema, l);
                m2m.put(l.field(), resolved);
                if (resolved.auto()) {
                    joinTables.putIfAbsent(resolved.through(), resolved);
                }
            }
            tables.put(m.name(), new Table(m, schema.descendants(m.name()), m2m));
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
        return schema.selfAndAncestors(model);
    }

    /** The join tables the store keeps for manytomany links whose through model no file defines. */
    Iterable<ManyToMany> joinTables() {
        return joinTables.values();
    }

    /** The join table of an automatic through model: {@code xs_<through lower case>}. */
    static String joinTableName(ManyToMany m) {
        return Table.tableName(m.through());
    }

    /**
     * The table a saved object's row lives in: that of its {@code leaf_model_name} when it is
     * {@code model} or inherits from it, else {@code model}'s.
     */
    Table rowTable(String model, Object leafModelName) {
        if (leafModelName instanceof String leaf && !leaf.equals(model) && tables.containsKey(leaf)
                && selfAndAncestors(leaf).contains(model)) {
            return tables.get(leaf);
        }
        return table(model);
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
