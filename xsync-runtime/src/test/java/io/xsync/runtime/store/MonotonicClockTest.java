package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.time.ManualTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MonotonicClockTest {

    @Test
    void keepsMicrosecondPrecision() {
        MonotonicClock clock = new MonotonicClock(new ManualTime(Instant.parse("2026-01-01T00:00:00.123456789Z")));
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void neverReturnsTheSameInstantTwice() {
        ManualTime wall = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
        MonotonicClock clock = new MonotonicClock(wall);
        Instant a = clock.now();
        Instant b = clock.now();
        Instant c = clock.now();
        assertThat(b).isEqualTo(a.plusNanos(1_000));
        assertThat(c).isEqualTo(b.plusNanos(1_000));
    }

    @Test
    void doesNotGoBackWhenTheWallClockDoes() {
        ManualTime wall = new ManualTime(Instant.parse("2026-01-01T00:00:10Z"));
        MonotonicClock clock = new MonotonicClock(wall);
        Instant first = clock.now();
        wall.set(Instant.parse("2026-01-01T00:00:05Z"));
        assertThat(clock.now()).isAfter(first);
        wall.set(Instant.parse("2026-01-01T00:00:20Z"));
        assertThat(clock.now()).isEqualTo(wall.now());
    }
}
