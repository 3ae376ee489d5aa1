package io.xsync.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.runtime.time.ManualTime;
import io.xsync.runtime.time.SystemTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PassLoopTest {

    @Test
    void signalsDuringAPassAreCoalescedIntoOneFollowUpPass() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        PassLoop loop = new PassLoop("xsync-test-loop", () -> {
            thread.set(Thread.currentThread().getName());
            if (passes.incrementAndGet() == 1) {
                inFirst.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        }, Duration.ofHours(1), SystemTime.INSTANCE);
        loop.start();
        try {
            assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                loop.signal();
            }
            release.countDown();
            // End marker: the loop parks waiting for the next signal only when none is pending.
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 2 && idle("xsync-test-loop"));
            assertThat(passes.get()).as("passes: the first, then one for all 100 signals").isEqualTo(2);
            assertThat(thread.get()).isEqualTo("xsync-test-loop");
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aPassRunsAgainAtTheTimeItAsksFor() {
        ManualTime time = new ManualTime();
        Instant t0 = time.now();
        List<Instant> starts = new CopyOnWriteArrayList<>();
        PassLoop loop = new PassLoop("xsync-test-loop", () -> {
            starts.add(time.now());
            return time.now().plus(Duration.ofMinutes(10));
        }, Duration.ofHours(1), time);
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> starts.size() == 1 && idle("xsync-test-loop"));
            time.advance(Duration.ofMinutes(9));
            time.advance(Duration.ofSeconds(59));
            time.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> starts.size() == 2 && idle("xsync-test-loop"));
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
        assertThat(starts).as("a pass at the start, the next at the time it asked for")
                .containsExactly(t0, t0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void theSafetyIntervalRunsPassesWithoutSignals() {
        ManualTime time = new ManualTime();
        Instant t0 = time.now();
        List<Instant> starts = new CopyOnWriteArrayList<>();
        PassLoop loop = new PassLoop("xsync-test-loop", () -> {
            starts.add(time.now());
            return null;
        }, Duration.ofHours(1), time);
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> starts.size() == 1 && idle("xsync-test-loop"));
            time.advance(Duration.ofMinutes(59));
            time.advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> starts.size() == 2 && idle("xsync-test-loop"));
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
        assertThat(starts).containsExactly(t0, t0.plus(Duration.ofHours(1)));
    }

    /** True when the loop thread is parked waiting for a signal (between passes, nothing pending). */
    private static boolean idle(String threadName) {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().equals(threadName)) {
                Thread.State state = e.getKey().getState();
                return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                        && Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(PassLoop.class.getName())
                                && f.getMethodName().equals("awaitSignal"));
            }
        }
        return false;
    }
}
