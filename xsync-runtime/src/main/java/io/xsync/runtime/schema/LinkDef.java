package io.xsync.runtime.schema;

/**
 * A link declared in xproto, e.g. {@code required manytoone site->Site:users = 10:1001}.
 *
 * @param kind        manytoone, onetoone or manytomany
 * @param field       the field name on the declaring model ({@code site})
 * @param peer        the model linked to ({@code Site})
 * @param reverseName the reverse name on the peer ({@code users}); "" when absent or {@code +}
 * @param through     the through model of a manytomany link, or null
 * @param declaredIn  the model that declares the link (a parent, for inherited links)
 * @param reverseAsWritten the reverse name as the file writes it: a name, {@code +}, or "" when absent
 * @param autoThrough whether {@code through} names no model of the schema, so that the store keeps
 *                    the join table itself (Django's automatic many-to-many table)
 */
public record LinkDef(LinkKind kind, String field, String peer, String reverseName, String through,
                      String declaredIn, SourceRef source, String reverseAsWritten, boolean autoThrough) {

    /** The column holding the peer id: {@code <field>_id}; null for manytomany (no column). */
    public String column() {
        return kind == LinkKind.MANYTOMANY ? null : field + "_id";
    }
}
