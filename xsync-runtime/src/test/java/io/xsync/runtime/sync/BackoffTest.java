package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff xos = Backoff.xosDefaults();
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void firstFailureRetriesOnTheNextPass() {
        assertThat(xos.delay(0, false)).isZero();
        BackendRegister r = BackendRegister.empty().afterFailure(t0, false, xos);
        assertThat(r.failures()).isEqualTo(1);
        assertThat(r.exponent()).isEqualTo(1);
        assertThat(r.nextRun()).isEqualTo(t0);
        assertThat(r.due(t0, xos)).isTrue();
    }

    @Test
    void laterFailuresWaitExponentTimesBase() {
        assertThat(xos.delay(1, false)).isEqualTo(Duration.ofMinutes(10));
        assertThat(xos.delay(3, false)).isEqualTo(Duration.ofMinutes(30));
        assertThat(xos.delay(3, true)).isEqualTo(Duration.ofMinutes(3));
        BackendRegister r = BackendRegister.empty().afterFailure(t0, false, xos).afterFailure(t0, false, xos);
        assertThat(r.nextRun()).isEqualTo(t0.plus(Duration.ofMinutes(10)));
        assertThat(r.due(t0.plusSeconds(599), xos)).isFalse();
        assertThat(r.due(t0.plusSeconds(600), xos)).isTrue();
    }

    @Test
    void delayIsCapped() {
        assertThat(xos.delay(48, false)).isEqualTo(Duration.ofHours(8));
        assertThat(xos.delay(49, false)).isEqualTo(Duration.ofHours(8));
        assertThat(xos.delay(Integer.MAX_VALUE, false)).isEqualTo(Duration.ofHours(8));
        assertThat(xos.delay(Integer.MAX_VALUE, true)).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void baseAndCapAreConfigurable() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(5), false);
        assertThat(b.delay(2, false)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(3, false)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.delay(2, true)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void disabledBackoffAlwaysAllowsARetry() {
        Backoff off = new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(8), true);
        assertThat(off.delay(5, false)).isZero();
        BackendRegister r = new BackendRegister(5, 5, t0.plusSeconds(3600), null, t0);
        assertThat(r.due(t0, off)).isTrue();
        assertThat(r.due(t0, xos)).isFalse();
    }

    @Test
    void successResetsTheRegister() {
        BackendRegister r = new BackendRegister(3, 3, t0.plusSeconds(3600), null, t0).afterSuccess(t0.plusSeconds(5));
        assertThat(r.failures()).isZero();
        assertThat(r.exponent()).isZero();
        assertThat(r.nextRun()).isNull();
        assertThat(r.lastSuccess()).isEqualTo(t0.plusSeconds(5));
        assertThat(r.due(t0, xos)).isTrue();
    }

    @Test
    void registerRoundTripsThroughJsonInEpochSeconds() {
        BackendRegister r = new BackendRegister(2, 2, t0.plusMillis(1500), t0.minusSeconds(10), t0);
        String json = r.toJson();
        assertThat(json).contains("\"failures\":2", "\"exponent\":2", "\"next_run\":" + (t0.getEpochSecond() + 1.5));
        assertThat(BackendRegister.parse(json)).isEqualTo(r);
    }

    @Test
    void registerJsonIsWhatJacksonWrites() {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Instant odd = Instant.ofEpochSecond(1_765_084_212L, 123_456_789);
        for (BackendRegister r : java.util.List.of(BackendRegister.empty(), BackendRegister.empty().afterSuccess(odd),
                new BackendRegister(7, 5, odd.plusSeconds(600), Instant.ofEpochSecond(1), odd),
                new BackendRegister(1, 1, Instant.ofEpochSecond(0, 1_000_000), null, Instant.EPOCH.plusMillis(10)))) {
            com.fasterxml.jackson.databind.node.ObjectNode n = json.createObjectNode();
            n.put("failures", r.failures());
            n.put("exponent", r.exponent());
            n.put("next_run", seconds(r.nextRun()));
            if (r.lastSuccess() != null) {
                n.put("last_success", seconds(r.lastSuccess()));
            }
            if (r.lastFailure() != null) {
                n.put("last_failure", seconds(r.lastFailure()));
            }
            assertThat(r.toJson()).isEqualTo(n.toString());
        }
    }

    private static double seconds(Instant t) {
        return t == null ? 0 : t.getEpochSecond() + t.getNano() / 1_000_000 / 1000.0;
    }

    @Test
    void unreadableRegisterCountsAsEmpty() {
        assertThat(BackendRegister.parse("{}")).isEqualTo(BackendRegister.empty());
        assertThat(BackendRegister.parse("not json")).isEqualTo(BackendRegister.empty());
        assertThat(BackendRegister.parse(null)).isEqualTo(BackendRegister.empty());
        assertThat(BackendRegister.parse("[1]")).isEqualTo(BackendRegister.empty());
    }

    @Test
    void readsXosRegisters() {
        BackendRegister r = BackendRegister.parse(
                "{\"next_run\": 0, \"exponent\": 1, \"last_success\": 1500000000.25, \"failures\": 1}");
        assertThat(r.exponent()).isEqualTo(1);
        assertThat(r.nextRun()).isNull();
        assertThat(r.lastSuccess()).isEqualTo(Instant.ofEpochSecond(1500000000L, 250_000_000));
    }
}
