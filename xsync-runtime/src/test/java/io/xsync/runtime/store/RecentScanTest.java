package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.xsync.runtime.time.ManualTime;
import io.xsync.runtime.time.SystemTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentScanTest {
    private final AtomicInteger scans = new AtomicInteger();

    @Test
    void cheapScansRunOnEveryRead() {
        RecentScan<Integer> scan = new RecentScan<>("test", scans::incrementAndGet, () -> true,
                Duration.ofDays(1), SystemTime.INSTANCE);
        assertThat(scan.get().value()).isEqualTo(1);
        assertThat(scan.get().value()).isEqualTo(2);
        assertThat(scan.get().value()).isEqualTo(3);
    }

    @Test
    void costlyScansServeTheLastResultWhileOneThreadScansAgain() {
        RecentScan<Integer> scan = new RecentScan<>("test", scans::incrementAndGet, () -> true, Duration.ZERO,
                SystemTime.INSTANCE);
        RecentScan.Reading<Integer> first = scan.get();
        assertThat(first.value()).as("a first read waits for its scan").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> scan.get().value() > 1);
        assertThat(scan.get().takenAt()).isAfterOrEqualTo(first.takenAt());
    }

    @Test
    void aFailingBackgroundScanKeepsTheLastResult() throws Exception {
        RecentScan<Integer> scan = new RecentScan<>("test", () -> {
            if (scans.incrementAndGet() > 1) {
                throw new IllegalStateException("database down");
            }
            return 7;
        }, () -> true, Duration.ZERO, SystemTime.INSTANCE);
        assertThat(scan.get().value()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            assertThat(scan.get().value()).isEqualTo(7); // reads go on, each may start another background try
            return scans.get() >= 3;
        });
    }

    @Test
    void whileTheDatabaseIsDownReadsGetTheLastResultWithoutScanning() {
        AtomicBoolean up = new AtomicBoolean(true);
        RecentScan<Integer> scan = new RecentScan<>("test", scans::incrementAndGet, up::get, Duration.ofDays(1),
                SystemTime.INSTANCE);
        assertThat(scan.get().value()).isEqualTo(1);
        up.set(false);
        assertThat(scan.get().value()).isEqualTo(1);
        assertThat(scans.get()).isOne();
        up.set(true);
        assertThat(scan.get().value()).isEqualTo(2);
    }

    @Test
    void aCheapScanThatFailsServesTheLastResult() {
        RecentScan<Integer> scan = new RecentScan<>("test", () -> {
            if (scans.incrementAndGet() == 2) {
                throw new IllegalStateException("database down");
            }
            return scans.get();
        }, () -> true, Duration.ofDays(1), SystemTime.INSTANCE);
        assertThat(scan.get().value()).isEqualTo(1);
        assertThat(scan.get().value()).isEqualTo(1);
        assertThat(scan.get().value()).isEqualTo(3);
    }

    @Test
    void aCostlyResultIsServedForTenTimesItsScanThenScannedAgain() {
        ManualTime time = new ManualTime();
        Instant t0 = time.now();
        RecentScan<Integer> scan = new RecentScan<>("test", () -> {
            time.advance(Duration.ofSeconds(1)); // the scan takes a second
            return scans.incrementAndGet();
        }, time);
        assertThat(scan.get()).isEqualTo(new RecentScan.Reading<>(1, t0));
        time.advance(Duration.ofSeconds(8)); // 9 s after the scan started
        assertThat(scan.get().value()).isEqualTo(1);
        assertThat(scans.get()).as("no scan while the result is fresh").isEqualTo(1);
        time.advance(Duration.ofSeconds(2)); // 11 s
        await().atMost(Duration.ofSeconds(10)).until(() -> scan.get().value() == 2);
        assertThat(scan.get().takenAt()).isEqualTo(t0.plusSeconds(11));
    }

    @Test
    void aFirstReadFailsWithItsScan() {
        RecentScan<Integer> scan = new RecentScan<>("test", () -> {
            throw new IllegalStateException("database down");
        }, SystemTime.INSTANCE);
        assertThatThrownBy(scan::get).hasMessage("database down");
    }
}
