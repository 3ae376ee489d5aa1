package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
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
        }, Duration.ofHours(1));
        loop.start();
        try {
            assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                loop.signal();
            }
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() == 2);
            Thread.sleep(200); // would a third pass sneak in?
            assertThat(passes.get()).isEqualTo(2);
            assertThat(thread.get()).isEqualTo("xsync-test-loop");
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aPassRunsAgainAtTheTimeItAsksFor() {
        AtomicInteger passes = new AtomicInteger();
        PassLoop loop = new PassLoop("xsync-test-loop", () -> {
            passes.incrementAndGet();
            return Instant.now().plusMillis(50);
        }, Duration.ofHours(1));
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 3);
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theSafetyIntervalRunsPassesWithoutSignals() {
        AtomicInteger passes = new AtomicInteger();
        PassLoop loop = new PassLoop("xsync-test-loop", () -> {
            passes.incrementAndGet();
            return null;
        }, Duration.ofMillis(50));
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 3);
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }
}
