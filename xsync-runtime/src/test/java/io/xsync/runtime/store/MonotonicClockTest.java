package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MonotonicClockTest {

    /** A clock whose time the test sets. */
    private static final class SetClock extends Clock {
        Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void keepsMicrosecondPrecision() {
        MonotonicClock clock = new MonotonicClock(new SetClock(Instant.parse("2026-01-01T00:00:00.123456789Z")));
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void neverReturnsTheSameInstantTwice() {
        SetClock wall = new SetClock(Instant.parse("2026-01-01T00:00:00Z"));
        MonotonicClock clock = new MonotonicClock(wall);
        Instant a = clock.now();
        Instant b = clock.now();
        Instant c = clock.now();
        assertThat(b).isEqualTo(a.plusNanos(1_000));
        assertThat(c).isEqualTo(b.plusNanos(1_000));
    }

    @Test
    void doesNotGoBackWhenTheWallClockDoes() {
        SetClock wall = new SetClock(Instant.parse("2026-01-01T00:00:10Z"));
        MonotonicClock clock = new MonotonicClock(wall);
        Instant first = clock.now();
        wall.now = Instant.parse("2026-01-01T00:00:05Z");
        assertThat(clock.now()).isAfter(first);
        wall.now = Instant.parse("2026-01-01T00:00:20Z");
        assertThat(clock.now()).isEqualTo(wall.now);
    }
}
