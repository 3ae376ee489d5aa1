package io.xsync.api.typed;

import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lookups of one model returning its generated class: what {@code MyModel.objects(models())}
 * returns. Filters are {@link Filter}s made from the class's field constants; every one must match.
 * Deleted objects are excluded unless a filter names {@code deleted} (see {@link Model}).
 *
 * @param <M> the generated class of the model
 */
public final class TypedModel<M extends TypedObject> {
    private final Model model;
    private final Function<ModelObject, M> wrap;

    /** Lookups of {@code model} whose objects {@code wrap} turns into {@code M}. */
    public TypedModel(Model model, Function<ModelObject, M> wrap) {
        this.model = model;
        this.wrap = wrap;
    }

    /** The string-API model underneath. */
    public Model model() {
        return model;
    }

    /** The object with this id, deleted or not, if it exists. */
    public Optional<M> get(long id) {
        return model.get(id).map(wrap);
    }

    /** Objects matching every filter. */
    @SafeVarargs
    public final List<M> filter(Filter<? super M>... filters) {
        return wrapAll(model.filter(Filter.criteria(filters)));
    }

    /** The matching object with the lowest id, if any. */
    @SafeVarargs
    public final Optional<M> first(Filter<? super M>... filters) {
        List<ModelObject> page = model.page(Filter.criteria(filters), 1, 0);
        return page.isEmpty() ? Optional.empty() : Optional.of(wrap.apply(page.get(0)));
    }

    /** Whether any object matches every filter. */
    @SafeVarargs
    public final boolean exists(Filter<? super M>... filters) {
        return model.count(Filter.criteria(filters)) > 0;
    }

    /** How many objects match every filter. */
    @SafeVarargs
    public final long count(Filter<? super M>... filters) {
        return model.count(Filter.criteria(filters));
    }

    /** Every live (not deleted) object. */
    public List<M> all() {
        return wrapAll(model.all());
    }

    /** A new unsaved object carrying the field defaults. */
    public M create() {
        return wrap.apply(model.newObject());
    }

    /** Saves the objects in one go: see {@link Model#saveAll(List, Save)}. */
    public void saveAll(List<? extends M> objects) {
        saveAll(objects, Save.defaults());
    }

    /** Saves the objects in one go with {@code options}: see {@link Model#saveAll(List, Save)}. */
    public void saveAll(List<? extends M> objects, Save options) {
        List<ModelObject> plain = new ArrayList<>(objects.size());
        for (M o : objects) {
            plain.add(o.object());
        }
        model.saveAll(plain, options);
    }

    /** {@code object} (of this model) as its generated class. */
    public M wrap(ModelObject object) {
        return wrap.apply(object);
    }

    private List<M> wrapAll(List<ModelObject> objects) {
        List<M> out = new ArrayList<>(objects.size());
        for (ModelObject o : objects) {
            out.add(wrap.apply(o));
        }
        return out;
    }
}
