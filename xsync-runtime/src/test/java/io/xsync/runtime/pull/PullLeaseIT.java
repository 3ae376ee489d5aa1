package io.xsync.runtime.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.api.PullStep;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.TestSchemas;
import io.xsync.runtime.store.TestStores;
import io.xsync.runtime.store.ClaimTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replicas share a pull step through its lease: one runs it, another takes over when the holder dies. */
class PullLeaseIT {

    /** A pull step that counts its runs and remembers when it first ran. */
    static class Backend extends PullStep {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicReference<Instant> first = new AtomicReference<>();

        @Override
        public Duration interval() {
            return Duration.ofMillis(20);
        }

        @Override
        public void pullRecords() {
            first.compareAndSet(null, Instant.now());
            runs.incrementAndGet();
        }
    }

    private static PullEngine engine(JdbcStore store, String owner, Backend step) {
        return new PullEngine(List.of(step), Duration.ofSeconds(5), new SimpleMeterRegistry(),
                store.claims(owner, Duration.ofMinutes(1), ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoLiveReplicasRunAStepOnOneOfThem(String dialect) {
        try (JdbcStore store = TestStores.open(dialect, TestSchemas.chain())) {
            Backend onA = new Backend();
            Backend onB = new Backend();
            PullEngine a = engine(store, "a", onA);
            PullEngine b = engine(store, "b", onB);
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> onA.runs.get() + onB.runs.get() >= 20);
            List<Integer> runs = List.of(onA.runs.get(), onB.runs.get()); // before a stop hands the lease over
            a.stop(Duration.ofSeconds(5));
            b.stop(Duration.ofSeconds(5));
            assertThat(runs).as("runs on a, on b").contains(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aReplicaTakesTheStepOverOnceTheDeadHoldersLeaseRanOut(String dialect) {
        try (JdbcStore store = TestStores.open(dialect, TestSchemas.chain())) {
            ClaimTable dead = store.claims("dead", Duration.ofSeconds(2), "");
            Instant leaseEnd = Instant.now().plus(dead.lease());
            assertThat(dead.holdLease(PullEngine.leaseName(new Backend()))).isTrue(); // then never renewed
            Backend step = new Backend();
            PullEngine survivor = engine(store, "survivor", step);
            survivor.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> step.runs.get() > 0);
            survivor.stop(Duration.ofSeconds(5));
            assertThat(step.first.get()).as("first run on the survivor").isAfterOrEqualTo(leaseEnd);
        }
    }
}
