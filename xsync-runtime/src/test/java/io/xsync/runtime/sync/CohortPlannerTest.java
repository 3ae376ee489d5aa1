package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.DependencyGraph.Edge;
import io.xsync.runtime.schema.ModelOrder;
import io.xsync.runtime.store.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CohortPlannerTest {

    /** A pending object: model, id and link field values. */
    record Obj(String model, long id, Map<String, Long> links) {
        ObjectRef ref() {
            return new ObjectRef(model, id);
        }

        @Override
        public String toString() {
            return model + id;
        }
    }

    static Obj o(String model, long id, Object... links) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < links.length; i += 2) {
            m.put((String) links[i], ((Number) links[i + 1]).longValue());
        }
        return new Obj(model, id, m);
    }

    static DependencyGraph chainGraph() {
        Map<String, List<Edge>> e = new LinkedHashMap<>();
        e.put("Instance", List.of(new Edge("Slice", "slice", "instances"), new Edge("Instance", "parent", "")));
        e.put("Slice", List.of(new Edge("Site", "site", "slices")));
        e.put("Site", List.of());
        return new DependencyGraph(e);
    }

    static CohortPlanner planner(DependencyGraph g) {
        return new CohortPlanner(new ModelOrder(g, g.edges().keySet()));
    }

    static List<List<Obj>> plan(DependencyGraph g, List<Obj> items) {
        return plan(g, items, List.of());
    }

    /** Plans {@code items}; {@code others} are objects that are not pending but may be walked through. */
    static List<List<Obj>> plan(DependencyGraph g, List<Obj> items, List<Obj> others) {
        Map<ObjectRef, Obj> all = new HashMap<>();
        others.forEach(o -> all.put(o.ref(), o));
        items.forEach(o -> all.put(o.ref(), o));
        List<ObjectRef> asked = new ArrayList<>();
        List<List<Obj>> cohorts = planner(g).cohorts(items, Obj::ref, refs -> {
            asked.addAll(refs);
            Map<ObjectRef, List<ObjectRef>> out = new HashMap<>();
            for (ObjectRef r : refs) {
                Obj o = all.get(r);
                List<ObjectRef> targets = new ArrayList<>();
                for (Edge e : g.edges(r.model())) {
                    Long id = o == null ? null : o.links().get(e.field());
                    if (id != null && all.containsKey(new ObjectRef(e.peer(), id))) {
                        targets.add(new ObjectRef(e.peer(), id));
                    }
                }
                out.put(r, targets);
            }
            return out;
        });
        assertThat(asked).as("each object is asked about once").doesNotHaveDuplicates();
        return cohorts;
    }

    @Test
    void modelOrderPutsDependenciesFirstAndIgnoresSelfLinks() {
        ModelOrder order = new ModelOrder(chainGraph(), List.of("Instance", "Slice", "Site", "Other"));
        assertThat(order.order()).containsExactly("Site", "Other", "Slice", "Instance");
        assertThat(order.rank("Nope")).isEqualTo(4);
    }

    @Test
    void modelOrderKeepsCyclesInFileOrderAfterTheRest() {
        Map<String, List<Edge>> e = new LinkedHashMap<>();
        e.put("A", List.of(new Edge("B", "b", "")));
        e.put("B", List.of(new Edge("A", "a", "")));
        e.put("C", List.of());
        assertThat(new ModelOrder(new DependencyGraph(e), e.keySet()).order()).containsExactly("C", "A", "B");
    }

    @Test
    void chainFormsOneCohortOrderedDependenciesFirst() {
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Instance", 1, "slice", 7), o("Slice", 7, "site", 3),
                o("Site", 3)));
        assertThat(c).hasSize(1);
        assertThat(c.get(0)).extracting(Obj::toString).containsExactly("Site3", "Slice7", "Instance1");
    }

    @Test
    void unrelatedObjectsFormSeparateCohortsInInputOrder() {
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Instance", 1, "slice", 7), o("Slice", 7, "site", 3),
                o("Instance", 2, "slice", 8), o("Site", 4), o("Site", 3)));
        assertThat(c).extracting(Object::toString)
                .containsExactly("[Site3, Slice7, Instance1]", "[Instance2]", "[Site4]");
    }

    @Test
    void linksToObjectsThatAreNotPendingDoNotJoin() {
        // Slice 7 is not pending and links to Site 4, so Site 3 and Instance 1 are independent.
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Instance", 1, "slice", 7), o("Site", 3)),
                List.of(o("Slice", 7, "site", 4), o("Site", 4)));
        assertThat(c).hasSize(2);
    }

    @Test
    void aPendingObjectWaitsForAPendingDependencyBehindASyncedOne() {
        // Instance 1 -> Slice 7 (synced) -> Site 3 (pending): one cohort, Site first
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Instance", 1, "slice", 7), o("Site", 3)),
                List.of(o("Slice", 7, "site", 3)));
        assertThat(c).extracting(Object::toString).containsExactly("[Site3, Instance1]");
    }

    @Test
    void objectsSharingOnlyASyncedDependencyStayIndependent() {
        // Instances 1 and 2 both use synced Slice 7 whose Site 3 is synced too
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Instance", 1, "slice", 7), o("Instance", 2, "slice", 7)),
                List.of(o("Slice", 7, "site", 3), o("Site", 3)));
        assertThat(c).extracting(Object::toString).containsExactly("[Instance1]", "[Instance2]");
    }

    @Test
    void objectsSharingASyncedDependencyThatWaitsJoinIt() {
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Instance", 1, "slice", 7), o("Instance", 2, "slice", 7),
                o("Site", 3)), List.of(o("Slice", 7, "site", 3)));
        assertThat(c).extracting(Object::toString).containsExactly("[Site3, Instance1, Instance2]");
    }

    @Test
    void severalTargetsOfOneLinkAllJoin() {
        // a many-to-many or reverse link: Network 1 depends on Sites 3 and 4 through synced Slices
        Map<String, List<Edge>> e = new LinkedHashMap<>();
        e.put("Site", List.of());
        e.put("Slice", List.of(new Edge("Site", "site", "slices")));
        e.put("Network", List.of(new Edge("Slice", "slices", "networks")));
        DependencyGraph g = new DependencyGraph(e);
        List<List<Obj>> c = planner(g).cohorts(List.of(o("Network", 1), o("Site", 3), o("Site", 4), o("Site", 5)),
                Obj::ref, refs -> {
                    Map<ObjectRef, List<ObjectRef>> out = new HashMap<>();
                    for (ObjectRef r : refs) {
                        switch (r.toString()) {
                            case "Network id 1" -> out.put(r, List.of(new ObjectRef("Slice", 7),
                                    new ObjectRef("Slice", 8)));
                            case "Slice id 7" -> out.put(r, List.of(new ObjectRef("Site", 3)));
                            case "Slice id 8" -> out.put(r, List.of(new ObjectRef("Site", 4)));
                            default -> out.put(r, List.of());
                        }
                    }
                    return out;
                });
        assertThat(c).extracting(Object::toString).containsExactly("[Site3, Site4, Network1]", "[Site5]");
    }

    @Test
    void selfLinksAreIgnored() {
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Instance", 1, "parent", 2), o("Instance", 2)));
        assertThat(c).hasSize(2);
    }

    @Test
    void sameIdInDifferentModelsIsNotTheSameObject() {
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Slice", 1, "site", 9), o("Site", 1)));
        assertThat(c).hasSize(2);
    }

    @Test
    void oneObjectSeenTwiceStaysInOneCohort() {
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Site", 1), o("Slice", 5), o("Site", 1)));
        assertThat(c).extracting(Object::toString).containsExactly("[Site1, Site1]", "[Slice5]");
    }

    @Test
    void twoSlicesOfOneSiteShareACohort() {
        List<List<Obj>> c = plan(chainGraph(), List.of(o("Slice", 1, "site", 9), o("Slice", 2, "site", 9),
                o("Instance", 5, "slice", 2), o("Site", 9)));
        assertThat(c).extracting(Object::toString).containsExactly("[Site9, Slice1, Slice2, Instance5]");
    }

    @Test
    void handlesManyObjects() {
        List<Obj> items = new ArrayList<>();
        int chains = 30_000;
        for (int i = 0; i < chains; i++) {
            items.add(o("Instance", i, "slice", i));
            items.add(o("Slice", i, "site", i));
            items.add(o("Site", i));
        }
        List<List<Obj>> c = plan(chainGraph(), items);
        assertThat(c).hasSize(chains);
        assertThat(c).allSatisfy(cohort -> assertThat(cohort).extracting(Obj::model)
                .containsExactly("Site", "Slice", "Instance"));
    }
}
