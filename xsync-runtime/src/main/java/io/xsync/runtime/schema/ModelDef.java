package io.xsync.runtime.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of the schema with its inheritance resolved.
 *
 * @param name       the model name
 * @param policy     the access policy suffix ({@code Name::policy}), or null
 * @param parents    parent names as declared
 * @param options    message options as written
 * @param fields     every stored field: base fields first, then inherited, then own
 * @param links      every link: inherited (depth-first in parent order), then own
 */
public record ModelDef(String name, String policy, List<String> parents, Map<String, String> options,
                       List<FieldDef> fields, List<LinkDef> links, SourceRef source) {

    public ModelDef {
        parents = List.copyOf(parents);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        fields = List.copyOf(fields);
        links = List.copyOf(links);
    }

    /** The field (column) with this name, or null. A link field name maps to its column. */
    public FieldDef field(String fieldName) {
        for (FieldDef f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        LinkDef l = link(fieldName);
        return l == null || l.column() == null ? null : field(l.column());
    }

    /** The link with this field name, or null. */
    public LinkDef link(String fieldName) {
        for (LinkDef l : links) {
            if (l.field().equals(fieldName)) {
                return l;
            }
        }
        return null;
    }

    /**
     * The manytomany link named {@code name} or {@code <name>_ids} (the name XOS's API gives its
     * values), or null.
     */
    public LinkDef manyToMany(String name) {
        for (LinkDef l : links) {
            if (l.kind() == LinkKind.MANYTOMANY && (l.field().equals(name) || (l.field() + "_ids").equals(name))) {
                return l;
            }
        }
        return null;
    }

    /** The manytomany links, inherited then own. */
    public List<LinkDef> manyToManyLinks() {
        return links.stream().filter(l -> l.kind() == LinkKind.MANYTOMANY).toList();
    }

    /** The names of every stored field in order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>(fields.size());
        for (FieldDef f : fields) {
            names.add(f.name());
        }
        return names;
    }
}
