package io.xsync.runtime.codegen;

import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.LinkDef;
import io.xsync.runtime.schema.LinkKind;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The source of one generated model class. A model extends the generated class of its first
 * parent that the schema defines (else {@code TypedObject}); it declares the fields and links its
 * parent does not have, and overrides the inherited setters so that they return its own type.
 */
final class ModelClassSource {
    private final Schema schema;
    private final ModelDef model;
    private final ModelDef parent;
    private final String javaPackage;
    private final Types types;
    private final StringBuilder body = new StringBuilder();
    private String superclass;

    private ModelClassSource(Schema schema, ModelDef model, String javaPackage) {
        this.schema = schema;
        this.model = model;
        this.javaPackage = javaPackage;
        this.parent = model.parents().stream().map(schema::find).filter(p -> p != null).findFirst().orElse(null);
        this.types = new Types(schema);
    }

    /** The Java source of {@code model}'s class in {@code javaPackage} ("" for the default package). */
    static String of(Schema schema, ModelDef model, String javaPackage) {
        return new ModelClassSource(schema, model, javaPackage).build();
    }

    private String build() {
        String self = model.name();
        superclass = parent == null ? types.ref("io.xsync.api.typed.TypedObject") : parent.name();
        Set<String> inheritedFields = parent == null ? Set.of() : new HashSet<>(parent.fieldNames());
        Set<String> inheritedLinks = new HashSet<>();
        if (parent != null) {
            parent.links().forEach(l -> inheritedLinks.add(l.field()));
        }
        // A model others extend returns a wildcard type, so that theirs (TypedModel<Child>) may hide it.
        boolean extended = !schema.descendants(self).isEmpty();
        line(1, "/** Lookups of {@code " + self + "}: {@code " + self + ".objects(models()).filter(...)}"
                + (extended ? " (objects of the models extending it included)" : "") + ". */");
        line(1, "public static " + types.ref("io.xsync.api.typed.TypedModel") + "<" + (extended ? "? extends " : "")
                + self + "> objects(" + types.ref("io.xsync.api.Models") + " models) {");
        line(2, "return new " + types.ref("io.xsync.api.typed.TypedModel") + "<>(models.get("
                + JavaNames.literal(self) + "), " + self + "::new);");
        line(1, "}");
        blank();
        line(1, "/** {@code object}, an object of {@code " + self + "} (or of a model inheriting from it), as this class. */");
        line(1, "public static " + self + " wrap(" + types.ref("io.xsync.api.ModelObject") + " object) {");
        line(2, "return new " + self + "(object);");
        line(1, "}");
        blank();
        line(1, "/** A typed view of {@code object}; use {@link #wrap} or {@link #objects}. */");
        line(1, "protected " + self + "(" + types.ref("io.xsync.api.ModelObject") + " object) {");
        line(2, "super(object);");
        line(1, "}");
        for (FieldDef f : model.fields()) {
            if (inheritedFields.contains(f.name())) {
                overrideSetter(f);
            } else {
                field(f);
            }
        }
        for (LinkDef l : model.links()) {
            if (l.kind() == LinkKind.MANYTOMANY) {
                if (inheritedLinks.contains(l.field())) {
                    overrideIdsSetter(l);
                } else {
                    manyToMany(l);
                }
            }
        }
        reverseLinks();
        return header() + body + "}\n";
    }

    /**
     * A getter per reverse name of a link pointing at this model (inherited ones are the parent
     * class's), unless the name is taken by a field or link of this model or an earlier reverse name.
     */
    private void reverseLinks() {
        Set<String> taken = new HashSet<>(model.fieldNames());
        taken.add("class"); // getClass()
        model.links().forEach(l -> {
            taken.add(l.field());
            taken.add(l.field() + "_ids");
        });
        for (String ancestor : schema.selfAndAncestors(model.name())) {
            if (!ancestor.equals(model.name())) {
                schema.namedReverseLinksTo(Set.of(ancestor)).forEach(l -> taken.add(l.reverseName()));
            }
        }
        for (LinkDef l : schema.namedReverseLinksTo(Set.of(model.name()))) {
            if (taken.add(l.reverseName())) {
                reverseLink(l);
            }
        }
    }

    private void reverseLink(LinkDef l) {
        String from = l.declaredIn();
        String list = types.ref("java.util.List") + "<" + from + ">";
        blank();
        line(1, "/**");
        line(1, " * The live {@code " + from + "} objects whose {@code " + l.field() + "} links to this one (reverse name {@code "
                + l.reverseName() + "}), in id order; each call queries the store.");
        line(1, " */");
        line(1, "public " + list + " get" + JavaNames.upperCamel(l.reverseName()) + "() {");
        line(2, "return object().referrers(" + JavaNames.literal(l.reverseName()) + ").stream().map(" + from
                + "::wrap).toList();");
        line(1, "}");
    }

    private String header() {
        StringBuilder h = new StringBuilder();
        h.append("// Generated by xsync from ").append(model.source().file() == null ? "the base fields"
                : model.source().file().getFileName()).append(": do not edit; regenerate with xsync generate.\n");
        if (!javaPackage.isEmpty()) {
            h.append("package ").append(javaPackage).append(";\n");
        }
        h.append('\n');
        for (String imp : types.imports()) {
            h.append("import ").append(imp).append(";\n");
        }
        h.append('\n');
        String help = model.options().get("help_text");
        h.append("/**\n * ").append(help == null || help.isBlank() ? "The model {@code " + model.name() + "}."
                : JavaNames.doc(help)).append("\n *\n * <p>Typed view of {@code ").append(model.name())
                .append("} objects over the string API ({@link #object()}).\n */\n");
        h.append("public class ").append(model.name()).append(" extends ").append(superclass).append(" {\n");
        return h.toString();
    }

    private void field(FieldDef f) {
        String type = types.javaType(f.type());
        String self = model.name();
        String help = f.option("help_text");
        String what = help == null || help.isBlank() ? "" : " " + JavaNames.doc(help) + ".";
        if (f.base()) {
            baseSetter(f, type);
            return;
        }
        blank();
        line(1, "/** Field {@code " + f.name() + "}, for filters." + what + " */");
        line(1, "public static final " + types.ref("io.xsync.api.typed.Field") + "<" + self + ", " + type + "> "
                + JavaNames.constant(f.name()) + " = " + types.ref("io.xsync.api.typed.Field") + ".of("
                + JavaNames.literal(f.name()) + ", " + type + ".class);");
        blank();
        line(1, "/** {@code " + f.name() + "}, or null when unset." + what + " */");
        line(1, "public " + type + " get" + JavaNames.upperCamel(f.name()) + "() {");
        line(2, "return " + reader(f.type()) + "(" + JavaNames.literal(f.name()) + ");");
        line(1, "}");
        if (!f.name().equals("id")) {
            blank();
            line(1, "/** Sets {@code " + f.name() + "} (written by the next save)." + what + " */");
            line(1, "public " + self + " set" + JavaNames.upperCamel(f.name()) + "(" + type + " value) {");
            line(2, "put(" + JavaNames.literal(f.name()) + ", value);");
            line(2, "return this;");
            line(1, "}");
        }
        if (f.link() != null && f.link().kind() != LinkKind.MANYTOMANY) {
            link(f.link(), what);
        }
        choices(f);
    }

    /** A base field's getter and constant are in {@code TypedObject}; its setter returns this class. */
    private void baseSetter(FieldDef f, String type) {
        if (f.name().equals("id")) {
            return;
        }
        blank();
        line(1, "/** Sets base field {@code " + f.name() + "} (written by the next save). */");
        line(1, "public " + model.name() + " set" + JavaNames.upperCamel(f.name()) + "(" + type + " value) {");
        line(2, "put(" + JavaNames.literal(f.name()) + ", value);");
        line(2, "return this;");
        line(1, "}");
    }

    private void link(LinkDef l, String what) {
        String self = model.name();
        String peer = l.peer();
        String name = JavaNames.upperCamel(l.field());
        blank();
        line(1, "/** Link {@code " + l.field() + "} to {@code " + peer + "}, for filters." + what + " */");
        line(1, "public static final " + types.ref("io.xsync.api.typed.Link") + "<" + self + ", " + peer + "> "
                + JavaNames.constant(l.field()) + " = " + types.ref("io.xsync.api.typed.Link") + ".of("
                + JavaNames.literal(l.field()) + ");");
        blank();
        line(1, "/** The {@code " + peer + "} that {@code " + l.field() + "} points at, or null." + what + " */");
        line(1, "public " + peer + " get" + name + "() {");
        line(2, "return object().related(" + JavaNames.literal(l.field()) + ").map(" + peer + "::wrap).orElse(null);");
        line(1, "}");
        blank();
        line(1, "/** Points {@code " + l.field() + "} at {@code peer} (null to unset)." + what + " */");
        line(1, "public " + self + " set" + name + "(" + peer + " peer) {");
        line(2, "put(" + JavaNames.literal(l.field()) + ", objectOf(peer));");
        line(2, "return this;");
        line(1, "}");
    }

    private void manyToMany(LinkDef l) {
        String self = model.name();
        String list = types.ref("java.util.List") + "<" + types.ref("java.lang.Long") + ">";
        String key = l.field() + "_ids";
        blank();
        line(1, "/** The ids of the {@code " + l.peer() + "} objects of manytomany {@code " + l.field() + "}. */");
        line(1, "public " + list + " get" + JavaNames.upperCamel(key) + "() {");
        line(2, "return ids(" + JavaNames.literal(key) + ");");
        line(1, "}");
        blank();
        line(1, "/** Sets the ids of the {@code " + l.peer() + "} objects of manytomany {@code " + l.field()
                + "} (written by the next save). */");
        line(1, "public " + self + " set" + JavaNames.upperCamel(key) + "(" + list + " ids) {");
        line(2, "put(" + JavaNames.literal(key) + ", " + types.ref("java.util.List") + ".copyOf(ids));");
        line(2, "return this;");
        line(1, "}");
    }

    private void overrideSetter(FieldDef f) {
        if (f.name().equals("id")) {
            return;
        }
        override("set" + JavaNames.upperCamel(f.name()), types.javaType(f.type()), "value");
        if (f.link() != null && f.link().kind() != LinkKind.MANYTOMANY) {
            override("set" + JavaNames.upperCamel(f.link().field()), f.link().peer(), "peer");
        }
    }

    private void overrideIdsSetter(LinkDef l) {
        override("set" + JavaNames.upperCamel(l.field() + "_ids"),
                types.ref("java.util.List") + "<" + types.ref("java.lang.Long") + ">", "ids");
    }

    /** An inherited setter, overridden to return this class. */
    private void override(String method, String type, String parameter) {
        blank();
        line(1, "@" + types.ref("java.lang.Override"));
        line(1, "public " + model.name() + " " + method + "(" + type + " " + parameter + ") {");
        line(2, "super." + method + "(" + parameter + ");");
        line(2, "return this;");
        line(1, "}");
    }

    private void choices(FieldDef f) {
        if (f.choices().isEmpty() || !(f.type() == FieldType.STRING || f.type() == FieldType.INT32
                || f.type() == FieldType.UINT32 || f.type() == FieldType.INT64)) {
            return;
        }
        Map<String, String> constants = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (String value : f.choices()) {
            String literal = choiceLiteral(f.type(), value);
            if (literal == null) {
                return;
            }
            String name = JavaNames.constant(value);
            while (constants.containsKey(name)) {
                name = name + "_";
            }
            constants.put(name, value);
            lines.add("public static final " + types.javaType(f.type()) + " " + name + " = " + literal + ";");
        }
        blank();
        line(1, "/** The values {@code " + f.name() + "} allows ({@code choices}). */");
        line(1, "public static final class " + JavaNames.upperCamel(f.name()) + "Choices {");
        for (String l : lines) {
            line(2, l);
        }
        blank();
        line(2, "private " + JavaNames.upperCamel(f.name()) + "Choices() {");
        line(2, "}");
        line(1, "}");
    }

    private static String choiceLiteral(FieldType type, String value) {
        if (type == FieldType.STRING) {
            return JavaNames.literal(value);
        }
        try {
            return type == FieldType.INT64 ? Long.parseLong(value.trim()) + "L"
                    : String.valueOf(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String reader(FieldType type) {
        return switch (type) {
            case STRING -> "text";
            case INT32, UINT32 -> "int32";
            case INT64, LINK -> "int64";
            case BOOL -> "bool";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case TIMESTAMP -> "instant";
        };
    }

    private void line(int indent, String text) {
        body.append("    ".repeat(indent)).append(text).append('\n');
    }

    private void blank() {
        body.append('\n');
    }

    /** The Java types the generated code names: simple names, unless a model has the same name. */
    private static final class Types {
        private final Set<String> modelNames = new HashSet<>();
        private final Set<String> imports = new TreeSet<>();

        Types(Schema schema) {
            schema.models().forEach(m -> modelNames.add(m.name()));
        }

        String ref(String qualified) {
            String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
            if (modelNames.contains(simple)) {
                return qualified;
            }
            if (!qualified.startsWith("java.lang.")) {
                imports.add(qualified);
            }
            return simple;
        }

        String javaType(FieldType type) {
            return switch (type) {
                case STRING -> ref("java.lang.String");
                case INT32, UINT32 -> ref("java.lang.Integer");
                case INT64, LINK -> ref("java.lang.Long");
                case BOOL -> ref("java.lang.Boolean");
                case FLOAT -> ref("java.lang.Float");
                case DOUBLE -> ref("java.lang.Double");
                case TIMESTAMP -> ref("java.time.Instant");
            };
        }

        Set<String> imports() {
            return imports;
        }
    }
}
