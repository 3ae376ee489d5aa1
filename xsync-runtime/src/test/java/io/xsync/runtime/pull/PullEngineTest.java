package io.xsync.runtime.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.api.PullStep;
import io.xsync.runtime.time.SystemTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PullEngineTest {

    /** Counts runs, records thread names and whether two runs ever overlapped. */
    static class Counting extends PullStep {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public Duration interval() {
            return Duration.ofMillis(1);
        }

        @Override
        public void pullRecords() throws Exception {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            threads.add(Thread.currentThread().getName());
            Thread.sleep(5);
            runs.incrementAndGet();
            inside.decrementAndGet();
        }
    }

    static class Failing extends PullStep {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public Duration interval() {
            return Duration.ofMillis(1);
        }

        @Override
        public void pullRecords() {
            runs.incrementAndGet();
            throw new IllegalStateException("backend unreachable");
        }
    }

    static class Inherits extends PullStep {
        @Override
        public void pullRecords() {
        }
    }

    @Test
    void runsRepeatedlyWithoutOverlapOnNamedThreads() {
        Counting step = new Counting();
        PullEngine engine = new PullEngine(List.of(step), Duration.ofSeconds(5), new SimpleMeterRegistry(), SystemTime.INSTANCE);
        engine.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> step.runs.get() >= 10);
        } finally {
            engine.stop(Duration.ofSeconds(5));
        }
        assertThat(step.overlaps.get()).isZero();
        assertThat(step.threads).allMatch(t -> t.startsWith("xsync-pull-"));
    }

    @Test
    void failuresAreCountedAndTheStepKeepsRunning() {
        Failing failing = new Failing();
        Counting healthy = new Counting();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PullEngine engine = new PullEngine(List.of(failing, healthy), Duration.ofSeconds(5), registry, SystemTime.INSTANCE);
        engine.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> failing.runs.get() >= 3 && healthy.runs.get() >= 3);
        } finally {
            engine.stop(Duration.ofSeconds(5));
        }
        assertThat(registry.get("xsync.pull.failures").tag("step", "Failing").counter().count())
                .isGreaterThanOrEqualTo(3);
        assertThat(registry.get("xsync.pull.duration").tag("step", "Counting").timer().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRepeatedFailureIsLoggedWithItsStackTraceOnceThenOnOneLine() {
        Failing failing = new Failing();
        Logger logger = (Logger) LoggerFactory.getLogger(PullEngine.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        PullEngine engine = new PullEngine(List.of(failing), Duration.ofSeconds(5), new SimpleMeterRegistry(), SystemTime.INSTANCE);
        engine.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> failing.runs.get() >= 3);
        } finally {
            engine.stop(Duration.ofSeconds(5));
            logger.detachAppender(logged);
        }
        List<ILoggingEvent> failures = logged.list.stream()
                .filter(e -> e.getFormattedMessage().startsWith("Pull step Failing failed: ")).toList();
        assertThat(failures).hasSizeGreaterThanOrEqualTo(3);
        assertThat(failures.get(0).getThrowableProxy()).isNotNull();
        assertThat(failures.get(0).getThrowableProxy().getMessage()).isEqualTo("backend unreachable");
        assertThat(failures.subList(1, failures.size())).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    }

    @Test
    void statusReportsLastRunOutcomeRunsAndFailuresPerStep() {
        Failing failing = new Failing();
        Counting healthy = new Counting();
        PullEngine engine = new PullEngine(List.of(failing, healthy), Duration.ofSeconds(5), new SimpleMeterRegistry(), SystemTime.INSTANCE);
        assertThat(engine.statusSection()).isEqualTo("pull");
        assertThat(engine.stepStatus().get(0).values()).containsEntry("runs", 0L).containsEntry("last_run", null);
        engine.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> failing.runs.get() >= 3 && healthy.runs.get() >= 3);
        } finally {
            engine.stop(Duration.ofSeconds(5));
        }
        Map<String, Object> bad = engine.stepStatus().get(0).values();
        assertThat(engine.stepStatus().get(0).step()).isEqualTo("Failing");
        assertThat(bad.get("last_outcome")).isEqualTo("failed");
        assertThat((String) bad.get("last_error")).contains("backend unreachable");
        assertThat(bad.get("runs")).isEqualTo((long) failing.runs.get());
        assertThat(bad.get("failures")).isEqualTo(bad.get("runs"));
        Map<String, Object> good = engine.stepStatus().get(1).values();
        assertThat(good.get("last_outcome")).isEqualTo("ok");
        assertThat(good.get("last_error")).isNull();
        assertThat(good.get("failures")).isEqualTo(0L);
        assertThat((Long) good.get("runs")).isGreaterThanOrEqualTo(3L);
        assertThat((Instant) good.get("last_end")).isAfterOrEqualTo((Instant) good.get("last_run"));
    }

    @Test
    void stepsThatKeepTheInheritedIntervalGetTheConfiguredOne() {
        PullEngine engine = new PullEngine(List.of(), Duration.ofSeconds(42), new SimpleMeterRegistry(), SystemTime.INSTANCE);
        assertThat(engine.interval(new Inherits())).isEqualTo(Duration.ofSeconds(42));
        assertThat(engine.interval(new Counting())).isEqualTo(Duration.ofMillis(1));
    }
}
