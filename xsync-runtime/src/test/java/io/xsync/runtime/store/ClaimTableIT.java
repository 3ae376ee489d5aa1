package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimTableIT {
    private static final ObjectRef SITE = new ObjectRef("Site", 1);
    private static final ObjectRef SLICE = new ObjectRef("Slice", 1);
    private static final ObjectRef OTHER = new ObjectRef("Slice", 2);

    private JdbcStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private JdbcStore db(String dialect) {
        store = TestStores.open(dialect, TestSchemas.chain());
        return store;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClaimedObjectCannotBeClaimedByAnotherOwnerUntilReleased(String kind) {
        JdbcStore s = db(kind);
        ClaimTable a = s.claims("a", Duration.ofMinutes(1), "");
        ClaimTable b = s.claims("b", Duration.ofMinutes(1), "");
        assertThat(a.claim(List.of(Set.of(SITE)))).containsExactly(true);
        assertThat(b.claim(List.of(Set.of(SITE)))).containsExactly(false);
        assertThat(a.claim(List.of(Set.of(SITE)))).containsExactly(false);
        assertThat(a.holder(SITE)).isEqualTo("a");
        a.release(List.of(SITE));
        assertThat(a.holder(SITE)).isNull();
        assertThat(b.claim(List.of(Set.of(SITE)))).containsExactly(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aGroupIsClaimedAllOrNothing(String kind) {
        JdbcStore s = db(kind);
        ClaimTable a = s.claims("a", Duration.ofMinutes(1), "");
        ClaimTable b = s.claims("b", Duration.ofMinutes(1), "");
        assertThat(a.claim(List.of(Set.of(SLICE)))).containsExactly(true);
        assertThat(b.claim(List.of(List.of(SITE, SLICE), List.of(OTHER)))).containsExactly(false, true);
        assertThat(b.holder(SITE)).as("partial claim given back").isNull();
        assertThat(b.holder(OTHER)).isEqualTo("b");
        b.releaseAll();
        assertThat(b.holder(OTHER)).isNull();
        assertThat(a.holder(SLICE)).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void expiredClaimsOfACrashedOwnerArePurged(String kind) {
        JdbcStore s = db(kind);
        ClaimTable crashed = s.claims("crashed", Duration.ofMillis(-1000), "");
        ClaimTable alive = s.claims("alive", Duration.ofMinutes(1), "");
        assertThat(crashed.claim(List.of(Set.of(SITE)))).containsExactly(true);
        assertThat(alive.claim(List.of(Set.of(SLICE)))).containsExactly(true);
        assertThat(alive.purgeExpired()).isEqualTo(1);
        assertThat(alive.holder(SITE)).isNull();
        assertThat(alive.holder(SLICE)).isEqualTo("alive");
        assertThat(alive.claim(List.of(Set.of(SITE)))).containsExactly(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void renewalKeepsClaimsAlive(String kind) {
        JdbcStore s = db(kind);
        ClaimTable a = s.claims("a", Duration.ofMillis(-1000), "");
        a.claim(List.of(Set.of(SITE)));
        s.claims("a", Duration.ofMinutes(1), "").renew();
        assertThat(a.purgeExpired()).isZero();
        assertThat(a.holder(SITE)).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aLeaseHasOneHolderUntilItExpires(String kind) {
        JdbcStore s = db(kind);
        ClaimTable dying = s.claims("dying", Duration.ofMinutes(1), "");
        ClaimTable other = s.claims("other", Duration.ofMinutes(1), "");
        assertThat(dying.holdLease("pull:Backend")).isTrue();
        assertThat(dying.holdLease("pull:Backend")).as("the holder keeps it").isTrue();
        assertThat(other.holdLease("pull:Backend")).isFalse();
        assertThat(other.holdLease("reaper")).as("another lease is free").isTrue();
        assertThat(dying.leaseHolder("pull:Backend")).isEqualTo("dying");

        s.claims("dying", Duration.ofMillis(-1000), "").renew(); // its lease ran out
        assertThat(other.holdLease("pull:Backend")).as("taken over after expiry").isTrue();
        assertThat(dying.holdLease("pull:Backend")).isFalse();
        assertThat(other.leaseHolder("pull:Backend")).isEqualTo("other");
        other.releaseAll();
        assertThat(dying.holdLease("pull:Backend")).as("free again once released").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void scopesDoNotBlockEachOther(String kind) {
        JdbcStore s = db(kind);
        ClaimTable sync = s.claims("a", Duration.ofMinutes(1), "");
        ClaimTable policyA = s.claims("a-policy", Duration.ofMinutes(1), "policy");
        ClaimTable policyB = s.claims("b-policy", Duration.ofMinutes(1), "policy");
        assertThat(sync.claim(SITE)).isTrue();
        assertThat(policyA.claim(SITE)).as("a sync claim does not block policing").isTrue();
        assertThat(policyB.claim(SITE)).isFalse();
        assertThat(policyB.holder(SITE)).isEqualTo("a-policy");
        assertThat(sync.holder(SITE)).isEqualTo("a");
    }
}
