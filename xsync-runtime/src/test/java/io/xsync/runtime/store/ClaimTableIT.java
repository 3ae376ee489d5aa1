package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.runtime.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimTableIT {
    private static final ObjectRef SITE = new ObjectRef("Site", 1);
    private static final ObjectRef SLICE = new ObjectRef("Slice", 1);
    private static final ObjectRef OTHER = new ObjectRef("Slice", 2);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final ManualTime time = new ManualTime();

    private JdbcStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private JdbcStore db(String dialect) {
        store = TestStores.open(dialect, TestSchemas.chain(), time);
        return store;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClaimedObjectCannotBeClaimedByAnotherOwnerUntilReleased(String kind) {
        JdbcStore s = db(kind);
        ClaimTable a = s.claims("a", LEASE, "");
        ClaimTable b = s.claims("b", LEASE, "");
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
        ClaimTable a = s.claims("a", LEASE, "");
        ClaimTable b = s.claims("b", LEASE, "");
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
        ClaimTable crashed = s.claims("crashed", LEASE, "");
        ClaimTable alive = s.claims("alive", LEASE, "");
        assertThat(crashed.claim(List.of(Set.of(SITE)))).containsExactly(true);
        assertThat(alive.purgeExpired()).as("purged while the lease runs").isZero();
        time.advance(LEASE.plusSeconds(1)); // crashed never renews
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
        ClaimTable a = s.claims("a", LEASE, "");
        a.claim(List.of(Set.of(SITE)));
        time.advance(LEASE.minusSeconds(1));
        a.renew();
        time.advance(Duration.ofSeconds(2)); // past the first lease, within the renewed one
        assertThat(a.purgeExpired()).isZero();
        assertThat(a.holder(SITE)).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aLeaseHasOneHolderUntilItExpires(String kind) {
        JdbcStore s = db(kind);
        ClaimTable dying = s.claims("dying", LEASE, "");
        ClaimTable other = s.claims("other", LEASE, "");
        assertThat(dying.holdLease("pull:Backend")).isTrue();
        assertThat(dying.holdLease("pull:Backend")).as("the holder keeps it").isTrue();
        assertThat(other.holdLease("pull:Backend")).isFalse();
        assertThat(other.holdLease("reaper")).as("another lease is free").isTrue();
        assertThat(dying.leaseHolder("pull:Backend")).isEqualTo("dying");

        time.advance(LEASE.minusSeconds(1));
        assertThat(other.holdLease("pull:Backend")).as("not before it runs out").isFalse();
        time.advance(Duration.ofSeconds(2)); // its lease ran out
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
        ClaimTable sync = s.claims("a", LEASE, "");
        ClaimTable policyA = s.claims("a-policy", LEASE, "policy");
        ClaimTable policyB = s.claims("b-policy", LEASE, "policy");
        assertThat(sync.claim(SITE)).isTrue();
        assertThat(policyA.claim(SITE)).as("a sync claim does not block policing").isTrue();
        assertThat(policyB.claim(SITE)).isFalse();
        assertThat(policyB.holder(SITE)).isEqualTo("a-policy");
        assertThat(sync.holder(SITE)).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void claimsAreSafelyHeldUntilRenewalsLapseForTwoThirdsOfALease(String kind) {
        JdbcStore s = db(kind);
        ClaimTable a = s.claims("a", LEASE, "");
        assertThat(a.claim(SITE)).isTrue();
        time.advance(LEASE.multipliedBy(2).dividedBy(3).minusSeconds(1));
        assertThat(a.safelyHeld()).as("within two thirds of a lease").isTrue();
        time.advance(Duration.ofSeconds(2));
        assertThat(a.safelyHeld()).as("renewals lapsed").isFalse();
        a.renew();
        assertThat(a.safelyHeld()).as("renewed").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aReleaseInATransactionTakesEffectWhenItCommits(String kind) throws Exception {
        JdbcStore s = db(kind);
        ClaimTable a = s.claims("a", LEASE, "");
        assertThat(a.claim(List.of(List.of(SITE, SLICE), List.of(OTHER)))).containsExactly(true, true);
        assertThatThrownBy(() -> s.inTransaction(() -> {
            a.releaseInTransaction(List.of(SITE, SLICE));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(a.holder(SITE)).as("kept when the transaction rolls back").isEqualTo("a");
        s.inTransaction(() -> {
            a.releaseInTransaction(List.of(SITE, SLICE));
            assertThat(a.holder(SITE)).as("held until it commits").isEqualTo("a");
            return null;
        });
        assertThat(a.holder(SITE)).isNull();
        assertThat(a.holder(SLICE)).isNull();
        assertThat(a.holder(OTHER)).as("not among them").isEqualTo("a");
        assertThatThrownBy(() -> a.releaseInTransaction(List.of(OTHER))).isInstanceOf(StoreException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anObjectNamedInTwoGroupsIsClaimedForTheFirstOnly(String kind) {
        JdbcStore s = db(kind);
        ClaimTable a = s.claims("a", LEASE, "");
        assertThat(a.claim(List.of(List.of(SITE), List.of(SLICE, SITE)))).containsExactly(true, false);
        assertThat(a.holder(SITE)).isEqualTo("a");
        assertThat(a.holder(SLICE)).as("given back with its group").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void manyObjectsAreClaimedAndReleasedTogether(String kind) {
        JdbcStore s = db(kind);
        ClaimTable a = s.claims("a", LEASE, "");
        ClaimTable b = s.claims("b", LEASE, "");
        List<ObjectRef> many = new ArrayList<>();
        for (long id = 1; id <= 600; id++) {
            many.add(new ObjectRef(id % 2 == 0 ? "Site" : "Slice", id));
        }
        assertThat(a.claim(List.of(many.subList(0, 300), many.subList(300, 600)))).containsExactly(true, true);
        assertThat(b.claim(List.of(List.of(new ObjectRef("Site", 600)), List.of(new ObjectRef("Site", 602)))))
                .containsExactly(false, true);
        a.release(many.subList(0, 599));
        assertThat(a.holder(many.get(0))).isNull();
        assertThat(a.holder(many.get(598))).isNull();
        assertThat(a.holder(many.get(599))).isEqualTo("a");
        assertThat(b.holder(new ObjectRef("Site", 602))).as("another owner's claim stays").isEqualTo("b");
    }
}
