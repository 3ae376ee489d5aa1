package io.xsync.runtime.schema;

import io.xsync.runtime.schema.XprotoAst.Field;
import io.xsync.runtime.schema.XprotoAst.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed xproto files into a {@link Schema}: indexes messages, resolves inheritance
 * (depth-first in parent order), checks link targets and prepends the base fields.
 * Conflicts that real XOS files contain (unknown Python mixin parents, reused field numbers,
 * redeclared fields) become warnings; things that cannot work (unknown link targets, duplicate
 * messages, inheritance cycles, bad defaults) are {@link XprotoException}s.
 */
final class SchemaBuilder {
    /** Fields and links of a message: inherited, then its own; base fields not included. */
    private record Resolved(Map<String, FieldDef> fields, Map<String, LinkDef> links) {
        static Resolved empty() {
            return new Resolved(new LinkedHashMap<>(), new LinkedHashMap<>());
        }
    }

    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> fileOptions = new HashMap<>();
    private final Map<String, Resolved> resolved = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    private SchemaBuilder() {
    }

    /** Builds one schema from files given in load order. */
    static Schema build(List<XprotoAst.File> files) {
        return new SchemaBuilder().run(files);
    }

    private Schema run(List<XprotoAst.File> files) {
        for (XprotoAst.File f : files) {
            Map<String, String> opts = OptionValues.asMap(f.options());
            for (Message m : f.messages()) {
                Message earlier = messages.putIfAbsent(m.name(), m);
                if (earlier != null) {
                    throw new XprotoException(m.source(), "message '" + m.name()
                            + "' is already defined at " + earlier.source());
                }
                fileOptions.put(m.name(), opts);
            }
        }
        Resolved base = messages.containsKey(BaseFields.BASE_MODEL)
                ? resolve(BaseFields.BASE_MODEL) : Resolved.empty();
        List<ModelDef> models = new ArrayList<>();
        for (Message m : messages.values()) {
            if (!m.name().equals(BaseFields.BASE_MODEL)) {
                models.add(model(m, base));
            }
        }
        return new Schema(models, new ArrayList<>(warnings));
    }

    private ModelDef model(Message m, Resolved base) {
        Map<String, FieldDef> fields = baseFields(m.name(), base);
        for (FieldDef f : resolve(m.name()).fields().values()) {
            if (fields.containsKey(f.name())) {
                warn(f.source(), "field '" + f.name() + "' of model '" + m.name()
                        + "' redeclares a base field; the declaration is ignored");
            } else {
                fields.put(f.name(), f);
            }
        }
        List<LinkDef> links = new ArrayList<>(base.links().values());
        links.addAll(resolve(m.name()).links().values());
        Map<String, String> options = new LinkedHashMap<>(fileOptions.get(m.name()));
        options.putAll(OptionValues.asMap(m.options()));
        return new ModelDef(m.name(), m.policy(), m.parents(), options, new ArrayList<>(fields.values()),
                links, m.source());
    }

    /**
     * Built-in base fields, merged with the fields of an {@code XOSBase} message if one exists: a
     * restated built-in keeps its place (and {@code base() == true}); other XOSBase fields follow the
     * built-ins as ordinary fields ({@code base() == false}, so the store treats them like own fields).
     */
    private Map<String, FieldDef> baseFields(String modelName, Resolved base) {
        Map<String, FieldDef> fields = new LinkedHashMap<>();
        for (FieldDef f : BaseFields.fields(modelName)) {
            fields.put(f.name(), f);
        }
        for (FieldDef declared : base.fields().values()) {
            FieldDef builtin = fields.get(declared.name());
            fields.put(declared.name(), builtin == null ? declared : mergeBase(builtin, declared));
        }
        return fields;
    }

    /** A built-in field keeps its type, default and nullability; options come from the file. */
    private static FieldDef mergeBase(FieldDef builtin, FieldDef declared) {
        Map<String, String> options = new LinkedHashMap<>(declared.options());
        return new FieldDef(builtin.name(), builtin.type(), declared.number(), builtin.required(), options,
                builtin.defaultValue(), builtin.nullable(), builtin.maxLength(), declared.choices(),
                declared.feedbackState(), builtin.bookkeepingState() || declared.bookkeepingState(), true,
                null, declared.source());
    }

    private Resolved resolve(String name) {
        Resolved done = resolved.get(name);
        if (done != null) {
            return done;
        }
        Message m = messages.get(name);
        if (!resolving.add(name)) {
            throw new XprotoException(m.source(), "message '" + name + "' inherits from itself");
        }
        Resolved r = Resolved.empty();
        for (int i = 0; i < m.parents().size(); i++) {
            inherit(m, m.parents().get(i), m.parentSources().get(i), r);
        }
        addOwn(m, r);
        resolving.remove(name);
        resolved.put(name, r);
        return r;
    }

    private void inherit(Message m, String parent, SourceRef where, Resolved into) {
        if (parent.equals(BaseFields.BASE_MODEL)) {
            return; // every model has the base fields anyway
        }
        if (!messages.containsKey(parent)) {
            warn(where, "parent '" + parent + "' of message '" + m.name()
                    + "' is not defined by any xproto file; it contributes no fields");
            return;
        }
        Resolved p = resolve(parent);
        for (FieldDef f : p.fields().values()) {
            FieldDef first = into.fields().putIfAbsent(f.name(), f);
            if (first != null && first != f) {
                warn(f.source(), "field '" + f.name() + "' inherited by '" + m.name() + "' from '" + parent
                        + "' is also inherited from an earlier parent; the earlier one is kept");
            }
        }
        for (LinkDef l : p.links().values()) {
            into.links().putIfAbsent(l.field(), l);
        }
    }

    private void addOwn(Message m, Resolved into) {
        Map<String, Field> ownNames = new HashMap<>();
        Map<String, Field> ownColumns = new HashMap<>();
        Map<Integer, Field> ownNumbers = new HashMap<>();
        for (Field f : m.fields()) {
            Field same = ownNames.putIfAbsent(f.name(), f);
            if (same != null) {
                throw new XprotoException(f.source(), "field '" + f.name() + "' is declared twice in message '"
                        + m.name() + "' (first at " + same.source() + ")");
            }
            String column = f.link() != null && f.link().kind() != LinkKind.MANYTOMANY ? f.name() + "_id" : f.name();
            Field sameColumn = ownColumns.putIfAbsent(column, f);
            if (sameColumn != null) {
                throw new XprotoException(f.source(), "field '" + f.name() + "' of message '" + m.name()
                        + "' needs column '" + column + "', already taken by '" + sameColumn.name() + "' at "
                        + sameColumn.source());
            }
            Field sameNumber = ownNumbers.putIfAbsent(f.number(), f);
            if (sameNumber != null) {
                warn(f.numberSource(), "field number " + f.number() + " of '" + f.name() + "' in message '"
                        + m.name() + "' is also used by '" + sameNumber.name() + "'");
            }
            if (f.link() == null) {
                putOwn(m, into, scalar(f));
            } else {
                LinkDef link = link(m, f);
                if (into.links().put(f.name(), link) != null) {
                    warn(f.source(), "link '" + f.name() + "' of '" + m.name() + "' overrides an inherited one");
                }
                if (link.kind() != LinkKind.MANYTOMANY) {
                    putOwn(m, into, linkField(f, link));
                }
            }
        }
    }

    private void putOwn(Message m, Resolved into, FieldDef f) {
        if (into.fields().put(f.name(), f) != null) {
            warn(f.source(), "field '" + f.name() + "' of '" + m.name() + "' overrides an inherited one");
        }
    }

    private static FieldDef scalar(Field f) {
        Object dflt = OptionValues.defaultValue(f);
        boolean nullable = OptionValues.isTrue(f, "null") || (!f.required() && dflt == null);
        return new FieldDef(f.name(), f.type(), f.number(), f.required(), OptionValues.asMap(f.options()), dflt,
                nullable, OptionValues.maxLength(f), OptionValues.choices(f),
                OptionValues.isTrue(f, "feedback_state"), OptionValues.isTrue(f, "bookkeeping_state"), false,
                null, f.source());
    }

    private FieldDef linkField(Field f, LinkDef link) {
        if (OptionValues.hasIgnoredLinkDefault(f)) {
            warn(f.option("default").valueSource(), "default of link '" + f.name()
                    + "' is not an object id; it is ignored");
        }
        boolean nullable = !f.required() || OptionValues.isTrue(f, "null");
        return new FieldDef(link.column(), FieldType.LINK, f.number(), f.required(),
                OptionValues.asMap(f.options()), OptionValues.defaultValue(f), nullable, 0, List.of(),
                OptionValues.isTrue(f, "feedback_state"), OptionValues.isTrue(f, "bookkeeping_state"), false,
                link, f.source());
    }

    private LinkDef link(Message m, Field f) {
        XprotoAst.LinkSpec s = f.link();
        requireModel(s.peer(), s.peerSource(), "link '" + f.name() + "' of '" + m.name() + "'");
        if (s.through() != null) {
            requireModel(s.through(), s.throughSource(), "through model of link '" + f.name() + "'");
        }
        return new LinkDef(s.kind(), f.name(), s.peer(), s.reverseName(), s.through(), m.name(), f.source());
    }

    private void requireModel(String name, SourceRef where, String what) {
        if (!messages.containsKey(name) || name.equals(BaseFields.BASE_MODEL)) {
            throw new XprotoException(where, what + " points at '" + name
                    + "', which no xproto file defines as a model");
        }
    }

    private void warn(SourceRef where, String message) {
        warnings.add(where + ": " + message);
    }
}
