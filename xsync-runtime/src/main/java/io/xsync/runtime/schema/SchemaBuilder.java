package io.xsync.runtime.schema;

import io.xsync.runtime.schema.XprotoAst.Field;
import io.xsync.runtime.schema.XprotoAst.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private final Map<String, XprotoAst.Enum> enums = new HashMap<>();
    private final Map<String, List<LinkDef>> declaredLinks = new HashMap<>();
    private final List<SchemaWarning> warnings = new ArrayList<>();

    private SchemaBuilder() {
    }

    /** Builds one schema from files given in load order. */
    static Schema build(List<XprotoAst.File> files) {
        return new SchemaBuilder().run(files);
    }

    private Schema run(List<XprotoAst.File> files) {
        for (XprotoAst.File f : files) {
            warnings.addAll(f.warnings());
            for (XprotoAst.Enum e : f.enums()) {
                enums.putIfAbsent(e.name(), e);
            }
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
        List<Schema.Declared> declared = new ArrayList<>();
        for (Message m : messages.values()) {
            if (!m.name().equals(BaseFields.BASE_MODEL)) {
                models.add(model(m, base));
            }
            resolve(m.name());
            Map<String, String> options = new LinkedHashMap<>(fileOptions.get(m.name()));
            options.putAll(OptionValues.asMap(m.options()));
            declared.add(new Schema.Declared(m.name(), m.parents(), declaredLinks.get(m.name()), options));
        }
        Schema schema = new Schema(models, declared, warnings);
        for (ModelDef m : models) {
            for (LinkDef l : m.links()) {
                if (l.kind() == LinkKind.MANYTOMANY && l.declaredIn().equals(m.name())) {
                    ManyToMany.of(schema, l); // a defined through model must link both sides
                }
            }
        }
        return schema;
    }

    private ModelDef model(Message m, Resolved base) {
        Map<String, FieldDef> fields = baseFields(m.name(), base);
        List<FieldDef> redeclared = new ArrayList<>();
        for (FieldDef f : resolve(m.name()).fields().values()) {
            if (fields.containsKey(f.name())) {
                redeclared.add(f);
            } else {
                fields.put(f.name(), f);
            }
        }
        if (!redeclared.isEmpty()) {
            List<String> names = redeclared.stream().map(f -> "'" + f.name() + "'").toList();
            warn(redeclared.get(0).source(), "redeclared base field", (names.size() == 1 ? "field " : "fields ")
                    + String.join(", ", names) + " of model '" + m.name() + "' "
                    + (names.size() == 1 ? "redeclares a base field" : "redeclare base fields")
                    + "; the declaration" + (names.size() == 1 ? " is" : "s are") + " ignored");
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

    @SuppressWarnings("ReferenceEquality") // the same field definition reached twice is not a clash
    private void inherit(Message m, String parent, SourceRef where, Resolved into) {
        if (parent.equals(BaseFields.BASE_MODEL)) {
            return; // every model has the base fields anyway
        }
        if (!messages.containsKey(parent)) {
            warn(where, "undefined parent", "parent '" + parent + "' of message '" + m.name()
                    + "' is not defined by any xproto file; it contributes no fields");
            return;
        }
        Resolved p = resolve(parent);
        for (FieldDef f : p.fields().values()) {
            FieldDef first = into.fields().putIfAbsent(f.name(), f);
            if (first != null && first != f) {
                warn(f.source(), "field inherited twice", "field '" + f.name() + "' inherited by '" + m.name()
                        + "' from '" + parent
                        + "' is also inherited from an earlier parent; the earlier one is kept");
            }
        }
        for (LinkDef l : p.links().values()) {
            into.links().putIfAbsent(l.field(), l);
        }
    }

    private void addOwn(Message m, Resolved into) {
        List<LinkDef> declared = new ArrayList<>();
        declaredLinks.put(m.name(), declared);
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
                warn(f.numberSource(), "reused field number", "field number " + f.number() + " of '" + f.name() + "' in message '"
                        + m.name() + "' is also used by '" + sameNumber.name() + "'");
            }
            if (f.repeated()) {
                warn(f.source(), "ignored repeated field", "repeated field '" + f.name() + "' of message '"
                        + m.name() + "' is ignored (a list is not a stored field)");
            } else if (f.link() == null) {
                FieldDef scalar = scalar(m, f);
                if (scalar != null) {
                    putOwn(m, into, scalar);
                }
            } else {
                LinkDef link = link(m, f);
                declared.add(link);
                if (into.links().put(f.name(), link) != null) {
                    warn(f.source(), "overridden inherited field", "link '" + f.name() + "' of '" + m.name()
                            + "' overrides an inherited one");
                }
                if (link.kind() != LinkKind.MANYTOMANY) {
                    putOwn(m, into, linkField(f, link));
                }
            }
        }
    }

    private void putOwn(Message m, Resolved into, FieldDef f) {
        if (into.fields().put(f.name(), f) != null) {
            warn(f.source(), "overridden inherited field", "field '" + f.name() + "' of '" + m.name()
                    + "' overrides an inherited one");
        }
    }

    /** The stored field of a scalar declaration, or null when its type is a message (not stored). */
    private FieldDef scalar(Message m, Field f) {
        List<String> enumValues = null;
        if (f.type() == null) {
            XprotoAst.Enum e = findEnum(m, f.typeKeyword());
            if (e == null) {
                if (messages.containsKey(f.typeKeyword())) {
                    warn(f.source(), "ignored message-typed field", "field '" + f.name() + "' of message '"
                            + m.name() + "' has message type '" + f.typeKeyword() + "'; it is ignored");
                    return null;
                }
                throw new XprotoException(f.typeSource(), "unknown field type '" + f.typeKeyword()
                        + "' (expected string, int32, uint32, int64, bool, float, double, another protobuf scalar"
                        + " type, an enum, manytoone, onetoone or manytomany)");
            }
            enumValues = e.values();
            f = withType(f, FieldType.STRING);
        } else if (FieldType.isApproximate(f.typeKeyword())) {
            warn(f.typeSource(), "approximate type", "type '" + f.typeKeyword() + "' of field '" + f.name()
                    + "' in message '" + m.name() + "' is stored as " + f.type().name().toLowerCase(Locale.ROOT)
                    + " (" + FieldType.approximation(f.typeKeyword()) + ")");
        }
        Object dflt = OptionValues.defaultValue(f);
        if (dflt == null && f.type() == FieldType.STRING && f.required() && f.option("default") == null
                && OptionValues.isTrue(f, "blank") && !OptionValues.isTrue(f, "null")) {
            dflt = ""; // as Django: a required text field that may be blank starts out empty
        }
        boolean nullable = OptionValues.isTrue(f, "null") || (!f.required() && dflt == null);
        List<String> choices = f.option("choices") == null && enumValues != null ? enumValues : OptionValues.choices(f);
        return new FieldDef(f.name(), f.type(), f.number(), f.required(), OptionValues.asMap(f.options()), dflt,
                nullable, OptionValues.maxLength(f), choices,
                OptionValues.isTrue(f, "feedback_state"), OptionValues.isTrue(f, "bookkeeping_state"), false,
                null, f.source());
    }

    /** An enum declared in the message itself, else at the top level of any file; null if none. */
    private XprotoAst.Enum findEnum(Message m, String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        for (XprotoAst.Enum e : m.enums()) {
            if (e.name().equals(simple)) {
                return e;
            }
        }
        return enums.get(simple);
    }

    private static Field withType(Field f, FieldType type) {
        return new Field(f.name(), f.required(), f.repeated(), type, f.typeKeyword(), f.typeSource(), f.number(),
                f.options(), f.link(), f.policy(), f.source(), f.numberSource());
    }

    private FieldDef linkField(Field f, LinkDef link) {
        if (OptionValues.hasIgnoredLinkDefault(f)) {
            warn(f.option("default").valueSource(), "ignored link default", "default of link '" + f.name()
                    + "' is not an object id; it is ignored");
        }
        boolean nullable = !f.required() || OptionValues.isTrue(f, "null");
        return new FieldDef(link.column(), FieldType.LINK, f.number(), f.required(),
                OptionValues.asMap(f.options()), OptionValues.defaultValue(f), nullable, 0, List.of(),
                OptionValues.isTrue(f, "feedback_state"), OptionValues.isTrue(f, "bookkeeping_state"), false,
                link, f.source());
    }

    /**
     * The link of a declaration. A manytomany link without a through model, or whose through model
     * no file defines, gets a join table the store keeps, named as Django names it
     * ({@code Model_field}).
     */
    private LinkDef link(Message m, Field f) {
        XprotoAst.LinkSpec s = f.link();
        requireModel(s.peer(), s.peerSource(), "link '" + f.name() + "' of '" + m.name() + "'");
        String through = null;
        boolean auto = false;
        if (s.kind() == LinkKind.MANYTOMANY) {
            through = s.through() != null ? s.through() : m.name() + "_" + f.name();
            auto = !messages.containsKey(through) || through.equals(BaseFields.BASE_MODEL);
        }
        String reverse = "+".equals(s.reverseName()) ? "" : s.reverseName();
        return new LinkDef(s.kind(), f.name(), s.peer(), reverse, through, m.name(), f.source(), s.reverseName(), auto);
    }

    private void requireModel(String name, SourceRef where, String what) {
        if (!messages.containsKey(name) || name.equals(BaseFields.BASE_MODEL)) {
            throw new XprotoException(where, what + " points at '" + name
                    + "', which no xproto file defines as a model");
        }
    }

    private void warn(SourceRef where, String kind, String message) {
        warnings.add(new SchemaWarning(where, kind, message));
    }
}
