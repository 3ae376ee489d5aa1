package io.xsync.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ManualTimeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void standsStillUntilAdvanced() {
        ManualTime time = new ManualTime(T0);
        long n0 = time.nanoTime();
        assertThat(time.now()).isEqualTo(T0);
        time.advance(Duration.ofMinutes(10));
        assertThat(time.now()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(time.nanoTime() - n0).isEqualTo(Duration.ofMinutes(10).toNanos());
    }

    @Test
    void settingTheWallClockBackLeavesTheMonotonicCounter() {
        ManualTime time = new ManualTime(T0);
        time.advance(Duration.ofSeconds(5));
        long n = time.nanoTime();
        time.set(T0.minusSeconds(60));
        assertThat(time.now()).isEqualTo(T0.minusSeconds(60));
        assertThat(time.nanoTime()).isEqualTo(n);
    }

    @Test
    void cannotGoBackByAdvancing() {
        ManualTime time = new ManualTime(T0);
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void aSleepEndsOnlyOnceTheClockMovedOnByItsDuration() throws Exception {
        ManualTime time = new ManualTime(T0);
        AtomicReference<Instant> woke = new AtomicReference<>();
        Thread sleeper = new Thread(() -> {
            try {
                time.sleep(Duration.ofMinutes(10));
                woke.set(time.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "manual-sleeper");
        sleeper.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> sleeper.getState() == Thread.State.TIMED_WAITING);
        for (int i = 0; i < 9; i++) {
            time.advance(Duration.ofMinutes(1));
        }
        assertThat(woke.get()).as("woke before 10 minutes").isNull();
        time.advance(Duration.ofMinutes(1));
        sleeper.join(Duration.ofSeconds(30).toMillis());
        assertThat(woke.get()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aWaitOnAMonitorEndsWhenTheClockIsAdvanced() throws Exception {
        ManualTime time = new ManualTime(T0);
        Object monitor = new Object();
        AtomicReference<Instant> woke = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            synchronized (monitor) {
                try {
                    while (time.now().isBefore(T0.plusSeconds(30))) {
                        time.waitOn(monitor, Duration.between(time.now(), T0.plusSeconds(30)));
                    }
                    woke.set(time.now());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "manual-waiter");
        waiter.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        time.advance(Duration.ofSeconds(30));
        waiter.join(Duration.ofSeconds(30).toMillis());
        assertThat(woke.get()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aSleepIsInterruptible() throws Exception {
        ManualTime time = new ManualTime(T0);
        AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
        Thread sleeper = new Thread(() -> {
            try {
                time.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, "manual-interrupted");
        sleeper.start();
        sleeper.interrupt();
        sleeper.join(Duration.ofSeconds(30).toMillis());
        assertThat(interrupted.get()).isTrue();
        assertThat(time.now()).isEqualTo(T0);
    }
}
