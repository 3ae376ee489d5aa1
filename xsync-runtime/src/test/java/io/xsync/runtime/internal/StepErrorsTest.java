package io.xsync.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepErrorsTest {

    @Test
    void firstOccurrenceOfEachDistinctErrorGetsTheTrace() {
        StepErrors errors = new StepErrors();
        IllegalStateException first = new IllegalStateException("device 10.0.0.7 unreachable for object 7");
        assertThat(errors.firstTime("SyncSite", first)).isSameAs(first);
        assertThat(errors.firstTime("SyncSite", new IllegalStateException("device 10.0.0.8 unreachable for object 8")))
                .as("same error, other numbers").isNull();
        IllegalArgumentException other = new IllegalArgumentException("device 10.0.0.7 unreachable for object 7");
        assertThat(errors.firstTime("SyncSite", other)).as("other exception class").isSameAs(other);
        IllegalStateException otherStep = new IllegalStateException("device 10.0.0.7 unreachable for object 7");
        assertThat(errors.firstTime("SyncSlice", otherStep)).as("other step").isSameAs(otherStep);
        IllegalStateException noMessage = new IllegalStateException();
        assertThat(errors.firstTime("SyncSite", noMessage)).isSameAs(noMessage);
        assertThat(errors.firstTime("SyncSite", new IllegalStateException())).isNull();
    }

    @Test
    void forgetsTheOldestWhenFull() {
        StepErrors errors = new StepErrors();
        RuntimeException oldest = new RuntimeException("oldest");
        errors.firstTime("s", oldest);
        for (int i = 0; i < StepErrors.CAPACITY; i++) {
            errors.firstTime("s", new RuntimeException("error " + letters(i)));
        }
        assertThat(errors.firstTime("s", new RuntimeException("oldest"))).as("evicted, so traced again").isNotNull();
    }

    /** A number written in letters (messages differing only in digits count as one error). */
    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        do {
            b.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return b.toString();
    }
}
