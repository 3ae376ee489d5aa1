package io.xsync.runtime.schema;

import java.util.Locale;
import java.util.Set;

/**
 * Where the values of a manytomany link live. Either the through model is a model of the schema,
 * whose objects are the links ({@code sourceColumn} points at the declaring side, {@code peerColumn}
 * at the peer), or no file defines it and the store keeps a join table of that name itself, with
 * the columns Django gives an automatic many-to-many table: {@code <model>_id} and
 * {@code <peer>_id} (lower case), or {@code from_<model>_id} and {@code to_<model>_id} when a model
 * links to itself.
 *
 * @param link         the manytomany link
 * @param through      the through model name (a model, or the join table's name)
 * @param auto         whether the store keeps the join table itself
 * @param sourceColumn the column holding the id of the object that has the link
 * @param peerColumn   the column holding the id of the linked peer
 */
public record ManyToMany(LinkDef link, String through, boolean auto, String sourceColumn, String peerColumn) {

    /**
     * Resolves a manytomany link of {@code schema}. {@link XprotoException} when a defined through
     * model has no manytoone link to each side.
     */
    public static ManyToMany of(Schema schema, LinkDef link) {
        if (link.autoThrough()) {
            String from = link.declaredIn().toLowerCase(Locale.ROOT);
            String to = link.peer().toLowerCase(Locale.ROOT);
            boolean self = from.equals(to);
            return new ManyToMany(link, link.through(), true, (self ? "from_" : "") + from + "_id",
                    (self ? "to_" : "") + to + "_id");
        }
        ModelDef through = schema.model(link.through());
        LinkDef source = null;
        LinkDef peer = null;
        for (LinkDef l : through.links()) {
            if (l.column() == null) {
                continue;
            }
            if (source == null && reaches(schema, link.declaredIn(), l.peer())) {
                source = l;
            } else if (peer == null && reaches(schema, link.peer(), l.peer())) {
                peer = l;
            }
        }
        if (source == null || peer == null) {
            throw new XprotoException(link.source(), "through model '" + link.through() + "' of manytomany '"
                    + link.field() + "' has no manytoone link to " + (source == null ? link.declaredIn() : link.peer())
                    + " (a through model links the two sides)");
        }
        return new ManyToMany(link, through.name(), false, source.column(), peer.column());
    }

    /** Whether objects of {@code model} may be the target of a link to {@code target}. */
    private static boolean reaches(Schema schema, String model, String target) {
        Set<String> names = schema.selfAndAncestors(model);
        return names.contains(target);
    }

    /** The API name of the values: {@code <field>_ids}. */
    public String idsField() {
        return link.field() + "_ids";
    }
}
