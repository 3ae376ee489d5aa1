package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.api.DeferredException;
import io.xsync.api.InnocuousException;
import io.xsync.api.ModelObject;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random object graphs (chains, diamonds, optional and manytomany links, a subclass seen through
 * its parent model) changed through the API while the sync
 * loop runs — creates, updates and cascading deletes — with objects that fail, defer or fail
 * innocuously a few times: the {@link OrderChecker} must find no call out of dependency order.
 *
 * <p>Seeds: {@value #SEEDS} (default {@value #DEFAULT_SEEDS}) seeds starting at
 * {@value #FIRST_SEED} (default 1). A failure names its seed; replay it with
 * {@code -Dxsync.order.first_seed=N -Dxsync.order.seeds=1}.
 */
class RandomOrderIT {
    static final String SEEDS = "xsync.order.seeds";
    static final String FIRST_SEED = "xsync.order.first_seed";
    static final int DEFAULT_SEEDS = 6;
    private static final int OPS = 300;

    /** What an object does on its first calls. */
    private enum Trouble { NONE, ERROR, DEFERRED, INNOCUOUS }

    private record Plan(Trouble trouble, AtomicInteger left) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void randomChangesWhileTheLoopRunsKeepDependencyOrder(String dialect) throws Exception {
        long first = Long.getLong(FIRST_SEED, 1);
        int seeds = Integer.getInteger(SEEDS, DEFAULT_SEEDS);
        int objects = 0;
        int calls = 0;
        for (long seed = first; seed < first + seeds; seed++) {
            try {
                int[] counts = runSeed(dialect, seed);
                objects += counts[0];
                calls += counts[1];
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " on " + dialect + " failed (replay: -D" + FIRST_SEED + "="
                        + seed + " -D" + SEEDS + "=1): " + e.getMessage(), e);
            }
        }
        System.out.printf("RandomOrderIT %s: %d seeds, %d objects, %d calls, no order violation%n", dialect, seeds,
                objects, calls);
        if (seeds >= DEFAULT_SEEDS) {
            assertThat(objects).as("objects across seeds").isGreaterThan(1000);
        }
    }

    /** One seed: returns {objects created, step calls}. */
    private int[] runSeed(String dialect, long seed) throws Exception {
        Random rnd = new Random(seed);
        Map<ObjectRef, Plan> plans = new ConcurrentHashMap<>();
        OrderLog log = new OrderLog();
        OrderStep step = new OrderStep("engine", log, (o, deletion) -> misbehave(plans.get(OrderWorld.ref(o))),
                OrderWorld.MODELS);
        try (JdbcStore store = TestStores.open(dialect, OrderWorld.schema())) {
            OrderWorld world = new OrderWorld(store);
            Backoff noBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), true);
            SyncEngine engine = new SyncEngine(SyncHarness.context(store, OrderWorld.graph(store.schema()),
                    List.of(step), List.of()), SyncHarness.settings(4).withBackoff(noBackoff));
            engine.start();
            try {
                new Mutator(world, rnd, plans).run(OPS);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> settled(store));
            } finally {
                engine.stop(Duration.ofSeconds(10));
            }
            List<String> violations = world.checker().violations(log);
            assertThat(violations).as("order violations; calls by start: %s", OrderChecker.byStart(log)).isEmpty();
            return new int[] {world.created(), log.calls().size()};
        }
    }

    private static void misbehave(Plan plan) throws Exception {
        if (ThreadLocalRandom.current().nextInt(8) == 0) {
            Thread.sleep(1); // let calls of different cohorts overlap
        }
        if (plan == null || plan.left().getAndDecrement() <= 0) {
            return;
        }
        switch (plan.trouble()) {
            case ERROR -> throw new IllegalStateException("backend error");
            case DEFERRED -> throw new DeferredException("backend busy");
            case INNOCUOUS -> throw new InnocuousException("backend shrugged");
            default -> { }
        }
    }

    /** Nothing left to sync or delete. */
    private static boolean settled(JdbcStore store) {
        for (String m : OrderWorld.MODELS) {
            if (!store.dirtyForSync(m).isEmpty() || !store.deletedForSync(m).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Makes random changes through the API, remembering what is live and what links to what. */
    private static final class Mutator {
        private final OrderWorld world;
        private final Random rnd;
        private final Map<ObjectRef, Plan> plans;
        private final Map<String, List<ModelObject>> live = new HashMap<>();
        private final Map<ObjectRef, Set<ModelObject>> dependents = new HashMap<>();
        private int names;

        Mutator(OrderWorld world, Random rnd, Map<ObjectRef, Plan> plans) {
            this.world = world;
            this.rnd = rnd;
            this.plans = plans;
            OrderWorld.MODELS.forEach(m -> live.put(m, new ArrayList<>()));
        }

        void run(int ops) throws InterruptedException {
            for (int i = 0; i < ops; i++) {
                int r = rnd.nextInt(100);
                if (r < 60 || liveCount() < 5) {
                    create(OrderWorld.MODELS.get(1 + rnd.nextInt(OrderWorld.MODELS.size() - 1)));
                } else if (r < 92) {
                    world.touch(pickLive());
                } else {
                    ModelObject victim = pickLive();
                    if (!victim.model().name().equals("Tag")) { // a manytomany peer: deleting it would change links
                        delete(victim);
                    }
                }
                if (rnd.nextInt(10) == 0) {
                    Thread.sleep(rnd.nextInt(5)); // spread the changes over several passes
                }
            }
        }

        private ModelObject create(String model) {
            Map<String, ModelObject> links = new LinkedHashMap<>();
            Map<String, List<ModelObject>> many = new LinkedHashMap<>();
            OrderWorld.LINKS.get(model).forEach((field, peer) -> {
                String target = peer.replaceAll("[?*]", "");
                if (peer.startsWith("*")) {
                    List<ModelObject> targets = new ArrayList<>();
                    for (int i = rnd.nextInt(3); i > 0; i--) {
                        targets.add(target(target));
                    }
                    many.put(field, targets.stream().distinct().toList());
                } else if (!peer.startsWith("?") || rnd.nextBoolean()) {
                    links.put(field, target(target));
                }
            });
            ModelObject o = world.create(model, model.toLowerCase(Locale.ROOT) + (names++), links, many);
            plans.put(OrderWorld.ref(o), plan());
            live.get(model).add(o);
            for (ModelObject t : links.values()) {
                dependents.computeIfAbsent(OrderWorld.ref(t), k -> new HashSet<>()).add(o);
            }
            return o;
        }

        /** Mostly an existing object (shared dependencies, diamonds), now and then a new one (chains). */
        private ModelObject target(String model) {
            List<String> models = new ArrayList<>(List.of(model));
            models.addAll(OrderWorld.SUBCLASSES.getOrDefault(model, List.of()));
            List<ModelObject> candidates = new ArrayList<>();
            models.forEach(m -> candidates.addAll(live.get(m)));
            if (candidates.isEmpty() || rnd.nextInt(4) == 0) {
                return create(models.get(rnd.nextInt(models.size())));
            }
            return candidates.get(rnd.nextInt(candidates.size()));
        }

        private Plan plan() {
            int r = rnd.nextInt(100);
            Trouble t = r < 80 ? Trouble.NONE : r < 88 ? Trouble.ERROR : r < 94 ? Trouble.DEFERRED : Trouble.INNOCUOUS;
            return new Plan(t, new AtomicInteger(t == Trouble.NONE ? 0 : 1 + rnd.nextInt(2)));
        }

        private void delete(ModelObject o) {
            world.delete(o);
            List<ModelObject> todo = new ArrayList<>(List.of(o));
            while (!todo.isEmpty()) {
                ModelObject d = todo.remove(todo.size() - 1);
                if (live.get(d.model().name()).removeIf(x -> x.id() == d.id())) {
                    todo.addAll(dependents.getOrDefault(OrderWorld.ref(d), Set.of()));
                }
            }
        }

        private int liveCount() {
            return live.values().stream().mapToInt(List::size).sum();
        }

        private ModelObject pickLive() {
            List<ModelObject> all = new ArrayList<>();
            OrderWorld.MODELS.forEach(m -> all.addAll(live.get(m)));
            return all.get(rnd.nextInt(all.size()));
        }
    }
}
