package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.sync.SyncOutcome.Kind;
import io.xsync.runtime.sync.SyncOutcome.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncOutcomeTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Backoff xos = Backoff.xosDefaults();

    private State state(String status, int code, String register) {
        return new State(t0, null, status, code, register);
    }

    @Test
    void successEnactsTheLaterOfUpdatedAndChangedByPolicy() {
        Map<String, Object> f = SyncOutcome.synced(new State(t0, t0.plusSeconds(5), "boom", 2,
                "{\"failures\":3,\"exponent\":3,\"next_run\":1.0}"), t0.plusSeconds(9));
        assertThat(f).containsEntry("enacted", t0.plusSeconds(5)).containsEntry("backend_status", "OK")
                .containsEntry("backend_code", 1);
        BackendRegister r = BackendRegister.parse((String) f.get("backend_register"));
        assertThat(r.failures()).isZero();
        assertThat(r.exponent()).isZero();
        assertThat(r.nextRun()).isNull();
        assertThat(r.lastSuccess()).isEqualTo(t0.plusSeconds(9));
        assertThat(SyncOutcome.synced(new State(t0, null, "", 0, "{}"), t0).get("enacted")).isEqualTo(t0);
        assertThat(SyncOutcome.synced(new State(t0.plusSeconds(1), t0, "", 0, "{}"), t0).get("enacted"))
                .isEqualTo(t0.plusSeconds(1));
    }

    @Test
    void deletionSuccessAsksForReaping() {
        assertThat(SyncOutcome.deleted(state("OK", 1, "{}"), t0)).containsEntry("backend_need_reap", true)
                .containsEntry("backend_code", 1);
    }

    @Test
    void errorSetsCodeTwoAndBacksOff() {
        Map<String, Object> f = SyncOutcome.failed(state(SyncOutcome.PROVISIONING, 0, "{}"), Kind.ERROR, "boom", t0, xos);
        assertThat(f).containsEntry("backend_status", "boom").containsEntry("backend_code", 2);
        BackendRegister r = BackendRegister.parse((String) f.get("backend_register"));
        assertThat(r.failures()).isEqualTo(1);
        assertThat(r.lastFailure()).isEqualTo(t0);
        Map<String, Object> g = SyncOutcome.failed(state("boom", 2, (String) f.get("backend_register")),
                Kind.ERROR, "bang", t0, xos);
        assertThat(BackendRegister.parse((String) g.get("backend_register")).nextRun())
                .isEqualTo(t0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void innocuousSetsCodeOneAndUsesTheShortBase() {
        Map<String, Object> f = SyncOutcome.failed(state("x", 1, "{\"exponent\":2,\"failures\":2}"),
                Kind.INNOCUOUS, "meh", t0, xos);
        assertThat(f).containsEntry("backend_code", 1);
        assertThat(BackendRegister.parse((String) f.get("backend_register")).nextRun())
                .isEqualTo(t0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void deferredSetsCodeZeroAndLeavesTheRegisterAlone() {
        Map<String, Object> f = SyncOutcome.failed(state("OK", 1, "{\"exponent\":2}"), Kind.DEFERRED, "busy", t0, xos);
        assertThat(f).containsEntry("backend_code", 0).containsEntry("backend_status", "busy")
                .doesNotContainKey("backend_register");
    }

    @Test
    void statusKeepsTheLastTwoDistinctMessages() {
        assertThat(SyncOutcome.status("OK", "a")).isEqualTo("a");
        assertThat(SyncOutcome.status(SyncOutcome.PROVISIONING, "a")).isEqualTo("a");
        assertThat(SyncOutcome.status("a", "b")).isEqualTo("a // b");
        assertThat(SyncOutcome.status("a // b", "c")).isEqualTo("b // c");
        assertThat(SyncOutcome.status("a // b", "b")).as("a repeated message is kept once").isEqualTo("a // b");
        assertThat(SyncOutcome.status("a // b", "a")).isEqualTo("a // b");
        assertThat(SyncOutcome.status("a", "a")).isEqualTo("a");
        assertThat(SyncOutcome.status(null, null)).isEqualTo("(no message)");
    }

    @Test
    void statusIsAtMost1024Characters() {
        String old = "o".repeat(1000);
        String now = "n".repeat(100);
        String s = SyncOutcome.status(old, now);
        assertThat(s).hasSize(1024).endsWith(" // " + now).startsWith("ooo");
        assertThat(SyncOutcome.status("a", "x".repeat(2000))).hasSize(1024);
        assertThat(SyncOutcome.status("a", "x".repeat(1021))).isEqualTo("x".repeat(1021));
    }

    @Test
    void skippedObjectsNameTheFailedDependencyAndCountAsAFailureOfItsKind() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Backoff backoff = Backoff.xosDefaults();
        SyncOutcome.State s = new SyncOutcome.State(now, null, "earlier trouble", 2,
                new BackendRegister(1, 1, null, null, now.minusSeconds(60)).toJson());
        ObjectRef slice = new ObjectRef("Slice", 7);

        Map<String, Object> error = SyncOutcome.skipped(s, slice, SyncOutcome.Kind.ERROR, "boom", now, backoff);
        assertThat(error).containsEntry("backend_status",
                        "earlier trouble // Failed due to error in model Slice id 7: boom")
                .containsEntry("backend_code", 2);
        BackendRegister reg = BackendRegister.parse((String) error.get("backend_register"));
        assertThat(reg.failures()).isEqualTo(2);
        assertThat(reg.nextRun()).isEqualTo(now.plus(backoff.delay(1, false)));

        Map<String, Object> innocuous = SyncOutcome.skipped(s, slice, SyncOutcome.Kind.INNOCUOUS, "meh", now, backoff);
        assertThat(innocuous).containsEntry("backend_code", 1);
        assertThat(BackendRegister.parse((String) innocuous.get("backend_register")).nextRun())
                .isEqualTo(now.plus(backoff.delay(1, true)));

        Map<String, Object> deferred = SyncOutcome.skipped(s, slice, SyncOutcome.Kind.DEFERRED, "busy", now, backoff);
        assertThat(deferred).containsEntry("backend_code", 0).doesNotContainKey("backend_register");
    }

    @Test
    void messageFallsBackToTheExceptionClass() {
        assertThat(SyncOutcome.message(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
        assertThat(SyncOutcome.message(new IllegalStateException("x"))).isEqualTo("x");
    }
}
