package io.xsync.runtime.store;

import io.xsync.runtime.schema.BaseFields;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.LinkDef;
import io.xsync.runtime.schema.LinkKind;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.SourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schemas built in code for tests (no xproto needed): a {@link Builder} that adds the base fields
 * of docs/semantics.md to every model and resolves inheritance, and a ready-made {@link #chain()} schema.
 */
public final class TestSchemas {
    private static final SourceRef BUILTIN = new SourceRef(null, 0, 0);

    private TestSchemas() {
    }

    /**
     * Site &lt;- Slice &lt;- Instance, plus an inheritance pair and a bookkeeping field:
     * <ul>
     *   <li>Site: name (required, max_length 20), enabled bool, counter int32, ratio double, size int64,
     *       status_detail (feedback_state), last_seen int64 (bookkeeping_state)</li>
     *   <li>Slice: name (unique_with site), required manytoone site-&gt;Site, description (optional)</li>
     *   <li>Instance: name, required manytoone slice-&gt;Slice, kind (choices vm, container),
     *       optional manytoone image-&gt;Image</li>
     *   <li>Image: name (unique)</li>
     *   <li>Service: name; VsgService (Service): vlan int32</li>
     *   <li>Tenant: name, required manytoone provider-&gt;Service</li>
     * </ul>
     */
    /** The models written like a real XOS deployment (src/test/resources/xproto/xoslike). */
    public static Schema xosLike() {
        try {
            return io.xsync.runtime.schema.XprotoLoader.load(
                    java.nio.file.Path.of(TestSchemas.class.getResource("/xproto/xoslike").toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Schema chain() {
        return builder()
                .model("Site")
                .field("name", FieldType.STRING).required().maxLength(20)
                .field("enabled", FieldType.BOOL).def(true)
                .field("counter", FieldType.INT32).def(0)
                .field("ratio", FieldType.DOUBLE)
                .field("size", FieldType.INT64)
                .field("status_detail", FieldType.STRING).feedback()
                .field("last_seen", FieldType.INT64).bookkeeping()
                .model("Slice")
                .field("name", FieldType.STRING).required().option("unique_with", "site")
                .link("site", "Site").required()
                .field("description", FieldType.STRING).nullable()
                .model("Image")
                .field("name", FieldType.STRING).option("unique", "True")
                .model("Instance")
                .field("name", FieldType.STRING).required()
                .link("slice", "Slice").required()
                .field("kind", FieldType.STRING).choices("vm", "container").def("vm")
                .link("image", "Image").nullable()
                .model("Service")
                .field("name", FieldType.STRING)
                .model("VsgService", "Service")
                .field("vlan", FieldType.INT32)
                .model("Tenant")
                .field("name", FieldType.STRING)
                .link("provider", "Service").required()
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base fields every model gets, in order (docs/semantics.md, "Base fields"). */
    public static List<FieldDef> baseFields(String model) {
        return BaseFields.fields(model);
    }

    /** Builds models field by field; modifiers apply to the field added last. */
    public static final class Builder {
        private final Map<String, Spec> models = new LinkedHashMap<>();
        private Spec model;
        private FieldSpec field;

        private static final class Spec {
            final String name;
            final List<String> parents;
            final List<FieldSpec> fields = new ArrayList<>();

            Spec(String name, List<String> parents) {
                this.name = name;
                this.parents = parents;
            }
        }

        private static final class FieldSpec {
            String name;
            FieldType type;
            boolean required;
            boolean nullable;
            int maxLength;
            List<String> choices = List.of();
            boolean feedback;
            boolean bookkeeping;
            Object def;
            String peer;
            final Map<String, String> options = new LinkedHashMap<>();
        }

        /** Starts a model. */
        public Builder model(String name, String... parents) {
            model = new Spec(name, List.of(parents));
            models.put(name, model);
            field = null;
            return this;
        }

        public Builder field(String name, FieldType type) {
            field = new FieldSpec();
            field.name = name;
            field.type = type;
            model.fields.add(field);
            return this;
        }

        /** A manytoone link stored as {@code <name>_id}. */
        public Builder link(String name, String peer) {
            field(name, FieldType.LINK);
            field.peer = peer;
            return this;
        }

        public Builder required() {
            field.required = true;
            return this;
        }

        public Builder nullable() {
            field.nullable = true;
            return this;
        }

        public Builder maxLength(int n) {
            field.maxLength = n;
            field.options.put("max_length", Integer.toString(n));
            return this;
        }

        public Builder choices(String... values) {
            field.choices = List.of(values);
            return this;
        }

        /** Any xproto option as written (e.g. {@code unique}, {@code unique_with}, {@code db_index}). */
        public Builder option(String key, String value) {
            field.options.put(key, value);
            return this;
        }

        public Builder feedback() {
            field.feedback = true;
            field.options.put("feedback_state", "True");
            return this;
        }

        public Builder bookkeeping() {
            field.bookkeeping = true;
            field.options.put("bookkeeping_state", "True");
            return this;
        }

        public Builder def(Object value) {
            field.def = value;
            return this;
        }

        public Schema build() {
            List<ModelDef> defs = new ArrayList<>();
            for (Spec s : models.values()) {
                List<FieldDef> fields = new ArrayList<>(baseFields(s.name));
                List<LinkDef> links = new ArrayList<>();
                collect(s, fields, links);
                defs.add(new ModelDef(s.name, null, s.parents, Map.of(), fields, links, BUILTIN));
            }
            return new Schema(defs, List.of());
        }

        private void collect(Spec s, List<FieldDef> fields, List<LinkDef> links) {
            for (String p : s.parents) {
                Spec parent = models.get(p);
                if (parent != null) {
                    collect(parent, fields, links);
                }
            }
            for (FieldSpec f : s.fields) {
                LinkDef link = null;
                String column = f.name;
                if (f.peer != null) {
                    link = new LinkDef(LinkKind.MANYTOONE, f.name, f.peer, "", null, s.name, BUILTIN, "", false);
                    links.add(link);
                    column = link.column();
                }
                fields.add(new FieldDef(column, f.type, fields.size(), f.required, f.options, f.def,
                        f.nullable || f.peer != null && !f.required, f.maxLength, f.choices, f.feedback,
                        f.bookkeeping, false, link, BUILTIN));
            }
        }
    }
}
