package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventRateTest {
    private static final long S = 1_000_000_000L;

    @Test
    void isZeroUntilTwoSamplesExist() {
        EventRate rate = new EventRate();
        assertThat(rate.perSecond()).isZero();
        rate.sample(5 * S, 100);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void averagesOverTheSamplesOfTheLastMinute() {
        EventRate rate = new EventRate();
        rate.sample(0, 0);
        rate.sample(10 * S, 1000); // 100/s during the first 10 s
        assertThat(rate.perSecond()).isEqualTo(100.0);
        for (int t = 11; t <= 100; t++) {
            rate.sample(t * S, 1000); // then idle
        }
        // the window no longer reaches back to the busy seconds
        assertThat(rate.perSecond()).isZero();
    }
}
