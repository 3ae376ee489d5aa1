package io.xsync.api.typed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A typed reference to a {@code manytoone} or {@code onetoone} link of model {@code M} to model
 * {@code P} ({@code Greeting.MYMODEL}); its filters compare the link's {@code <field>_id} column.
 *
 * @param <M> the generated class declaring the link
 * @param <P> the generated class of the peer
 */
public final class Link<M, P extends TypedObject> {
    private final String name;

    private Link(String name) {
        this.name = name;
    }

    /** The link field {@code name} as xproto spells it. */
    public static <M, P extends TypedObject> Link<M, P> of(String name) {
        return new Link<>(name);
    }

    /** The link field name ({@code site}); its column is {@code site_id}. */
    public String name() {
        return name;
    }

    /** Pointing at {@code peer}. */
    public Filter<M> eq(P peer) {
        return new Filter<>(name + "_id", peer.id());
    }

    /** Pointing at one of {@code peers}. */
    public Filter<M> in(Collection<? extends P> peers) {
        List<Long> ids = new ArrayList<>(peers.size());
        for (P p : peers) {
            ids.add(p.id());
        }
        return new Filter<>(name + "_id__in", ids);
    }

    /** Unset when {@code isNull} is true, set when it is false. */
    public Filter<M> isNull(boolean isNull) {
        return new Filter<>(name + "_id__isnull", isNull);
    }

    @Override
    public String toString() {
        return name;
    }
}
