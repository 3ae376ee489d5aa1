package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.time.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimTableIT {
    private static final ObjectRef SITE = new ObjectRef("Site", 1);
    private static final ObjectRef SLICE = new ObjectRef("Slice", 1);
    private static final ObjectRef OTHER = new ObjectRef("Slice", 2);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final ManualTime time = new ManualTime();

    private DataSource db(String kind, String name) throws Exception {
        return kind.equals("h2") ? TestDatabases.h2(name) : TestDatabases.pg("xsync_sync_" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void aClaimedObjectCannotBeClaimedByAnotherOwnerUntilReleased(String kind) throws Exception {
        DataSource ds = db(kind, "claims_a");
        ClaimTable a = new ClaimTable(ds, "a", LEASE, time);
        ClaimTable b = new ClaimTable(ds, "b", LEASE, time);
        a.createTable();
        b.createTable();
        assertThat(a.claim(List.of(Set.of(SITE)))).containsExactly(true);
        assertThat(b.claim(List.of(Set.of(SITE)))).containsExactly(false);
        assertThat(a.claim(List.of(Set.of(SITE)))).containsExactly(false);
        assertThat(a.holder(SITE)).isEqualTo("a");
        a.release(List.of(SITE));
        assertThat(a.holder(SITE)).isNull();
        assertThat(b.claim(List.of(Set.of(SITE)))).containsExactly(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void aGroupIsClaimedAllOrNothing(String kind) throws Exception {
        DataSource ds = db(kind, "claims_b");
        ClaimTable a = new ClaimTable(ds, "a", LEASE, time);
        ClaimTable b = new ClaimTable(ds, "b", LEASE, time);
        a.createTable();
        assertThat(a.claim(List.of(Set.of(SLICE)))).containsExactly(true);
        assertThat(b.claim(List.of(List.of(SITE, SLICE), List.of(OTHER)))).containsExactly(false, true);
        assertThat(b.holder(SITE)).as("partial claim given back").isNull();
        assertThat(b.holder(OTHER)).isEqualTo("b");
        b.releaseAll();
        assertThat(b.holder(OTHER)).isNull();
        assertThat(a.holder(SLICE)).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void expiredClaimsOfACrashedOwnerArePurged(String kind) throws Exception {
        DataSource ds = db(kind, "claims_c");
        ClaimTable crashed = new ClaimTable(ds, "crashed", LEASE, time);
        ClaimTable alive = new ClaimTable(ds, "alive", LEASE, time);
        crashed.createTable();
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
    @ValueSource(strings = {"h2", "pg"})
    void renewalKeepsClaimsAlive(String kind) throws Exception {
        DataSource ds = db(kind, "claims_d");
        ClaimTable a = new ClaimTable(ds, "a", LEASE, time);
        a.createTable();
        a.claim(List.of(Set.of(SITE)));
        time.advance(LEASE.minusSeconds(1));
        a.renew();
        time.advance(Duration.ofSeconds(2)); // past the first lease, within the renewed one
        assertThat(a.purgeExpired()).isZero();
        assertThat(a.holder(SITE)).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void aLeaseHasOneHolderUntilItExpires(String kind) throws Exception {
        DataSource ds = db(kind, "claims_e");
        ClaimTable dying = new ClaimTable(ds, "dying", LEASE, time);
        ClaimTable other = new ClaimTable(ds, "other", LEASE, time);
        dying.createTable();
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
    @ValueSource(strings = {"h2", "pg"})
    void scopesDoNotBlockEachOther(String kind) throws Exception {
        DataSource ds = db(kind, "claims_f");
        ClaimTable sync = new ClaimTable(ds, "a", LEASE, time);
        ClaimTable policyA = new ClaimTable(ds, "a-policy", LEASE, "policy", time);
        ClaimTable policyB = new ClaimTable(ds, "b-policy", LEASE, "policy", time);
        sync.createTable();
        assertThat(sync.claim(SITE)).isTrue();
        assertThat(policyA.claim(SITE)).as("a sync claim does not block policing").isTrue();
        assertThat(policyB.claim(SITE)).isFalse();
        assertThat(policyB.holder(SITE)).isEqualTo("a-policy");
        assertThat(sync.holder(SITE)).isEqualTo("a");
    }
}
