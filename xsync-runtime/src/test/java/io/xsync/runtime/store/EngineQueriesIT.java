package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** dirtyForSync, deletedForSync, dirtyForPolicy and reap, on H2 and PostgreSQL. */
class EngineQueriesIT extends StoreTestSupport {

    /** What the policy engine does after policies succeed. */
    private static void markPoliced(JdbcStore store, ModelObject o) {
        ModelObject p = store.withActor(reload(store, o), Actor.POLICY);
        Instant updated = p.getInstant("updated");
        Instant cbs = p.getInstant("changed_by_step");
        p.set("policed", cbs != null && cbs.isAfter(updated) ? cbs : updated).set("policy_code", 1).save();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void dirtyForSyncFollowsEnactedUpdatedAndChangedByPolicy(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        ModelObject b = site(store, "b");
        assertThat(store.dirtyForSync("Site")).as("never enacted").containsExactly(a, b);
        markSynced(store, a);
        assertThat(store.dirtyForSync("Site")).containsExactly(b);
        a.set("counter", 1).save(); // API save moves updated past enacted
        assertThat(store.dirtyForSync("Site")).as("oldest updated first").containsExactly(b, a);
        markSynced(store, a);
        markSynced(store, b);
        assertThat(store.dirtyForSync("Site")).isEmpty();
        store.withActor(reload(store, b), Actor.POLICY).set("counter", 5).save();
        assertThat(store.dirtyForSync("Site")).as("changed_by_policy newer than enacted").containsExactly(b);
        store.withActor(reload(store, a), Actor.SYNC_STEP).set("counter", 5).save();
        assertThat(store.dirtyForSync("Site")).as("a step's own change does not re-dirty for sync").containsExactly(b);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void dirtyForSyncExcludesDeletedNoSyncAndLazyBlocked(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject del = site(store, "del");
        ModelObject noSync = site(store, "nosync");
        ModelObject lazy = site(store, "lazy");
        ModelObject dirty = site(store, "dirty");
        del.delete();
        noSync.set("no_sync", true).save();
        lazy.set("lazy_blocked", true).save();
        List<ModelObject> found = store.dirtyForSync("Site");
        assertThat(found).containsExactly(dirty);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void engineRowsSaveWithTheEnginesActor(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        Instant updated = reload(store, a).getInstant("updated");
        ModelObject fromEngine = store.dirtyForSync("Site").get(0);
        fromEngine.set("counter", 4).save();
        ModelObject back = reload(store, a);
        assertThat(back.getInstant("updated")).isEqualTo(updated);
        assertThat(back.getInstant("changed_by_step")).isNotNull();
        ModelObject fromPolicy = store.dirtyForPolicy("Site").get(0);
        fromPolicy.set("counter", 6).save();
        assertThat(reload(store, a).getInstant("changed_by_policy")).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void deletedForSyncListsDeletedRowsNotYetReaped(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        ModelObject b = site(store, "b");
        site(store, "live");
        a.delete();
        b.delete();
        assertThat(store.deletedForSync("Site")).containsExactly(a, b);
        store.withActor(reload(store, a), Actor.SYNC_STEP).set("backend_need_reap", true).save();
        assertThat(store.deletedForSync("Site")).containsExactly(b);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void dirtyForPolicyFollowsPolicedUpdatedAndChangedByStep(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        ModelObject b = site(store, "b");
        ModelObject off = site(store, "off");
        off.set("no_policy", true).save();
        assertThat(store.dirtyForPolicy("Site")).containsExactly(a, b);
        markPoliced(store, a);
        markPoliced(store, b);
        assertThat(store.dirtyForPolicy("Site")).isEmpty();
        a.set("counter", 1).save();
        assertThat(store.dirtyForPolicy("Site")).containsExactly(a);
        markPoliced(store, a);
        store.withActor(reload(store, b), Actor.SYNC_STEP).set("counter", 2).save();
        assertThat(store.dirtyForPolicy("Site")).as("changed_by_step newer than policed").containsExactly(b);
        markPoliced(store, b);
        store.withActor(reload(store, b), Actor.POLICY).set("counter", 3).save();
        assertThat(store.dirtyForPolicy("Site")).as("a policy's own change does not re-dirty").isEmpty();
        b.delete();
        assertThat(store.dirtyForPolicy("Site")).as("deleted, policed cleared: handle_delete").containsExactly(b);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void alwaysUpdateTimestampMakesAStepSaveDirtyForSync(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        markSynced(store, a);
        store.withActor(reload(store, a), Actor.PULL_STEP).set("counter", 1).save();
        assertThat(store.dirtyForSync("Site")).isEmpty();
        store.withActor(reload(store, a), Actor.PULL_STEP).set("counter", 2).save(Save.alwaysUpdateTimestamp());
        assertThat(store.dirtyForSync("Site")).containsExactly(a);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void reapPurgesReapedOrNeverSyncedRowsNothingLiveLinksTo(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject neverSynced = site(store, "never");
        ModelObject reaped = site(store, "reaped");
        ModelObject pending = site(store, "pending");
        ModelObject live = site(store, "live");
        store.withActor(reload(store, reaped), Actor.SYNC_STEP).set("backend_need_delete", true).save();
        store.withActor(reload(store, pending), Actor.SYNC_STEP).set("backend_need_delete", true).save();
        neverSynced.delete();
        reaped.delete();
        pending.delete();
        store.withActor(reload(store, reaped), Actor.SYNC_STEP).set("backend_need_reap", true).save();
        assertThat(store.reap("Site")).isEqualTo(2);
        var sites = api(store).get("Site");
        assertThat(sites.get(neverSynced.id())).isEmpty();
        assertThat(sites.get(reaped.id())).isEmpty();
        assertThat(sites.get(pending.id())).as("deleted in the backend not yet").isPresent();
        assertThat(sites.get(live.id())).isPresent();
        assertThat(store.reap("Site")).isZero();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void reapKeepsRowsThatLiveRowsLinkTo(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject slice = slice(store, site, "x");
        // mark the site deleted without the cascade, as if the live link appeared later
        try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE \"xs_site\" SET \"deleted\" = TRUE WHERE \"id\" = " + site.id());
        }
        assertThat(store.reap("Site")).isZero();
        slice.delete();
        assertThat(store.reap("Site")).as("the linking row is deleted now").isEqualTo(1);
        assertThat(store.reap("Slice")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void rowVersionsChangeWithEveryWriteOfTheRow(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        ModelObject b = site(store, "b");
        List<Long> ids = List.of(a.id(), b.id(), 999_999L);
        Map<Long, Long> first = store.rowVersions("Site", ids);
        if (dialect.equals("h2")) {
            assertThat(first).as("H2 has no row versions").isEmpty();
            return;
        }
        assertThat(first).containsOnlyKeys(a.id(), b.id());
        api(store).get("Site").all();
        assertThat(store.rowVersions("Site", ids)).as("reads change nothing").isEqualTo(first);
        // a pull step's save changes no timestamp, but the row all the same
        store.withActor(reload(store, a), Actor.PULL_STEP).set("counter", 7).save();
        Map<Long, Long> second = store.rowVersions("Site", ids);
        assertThat(second.get(a.id())).isNotEqualTo(first.get(a.id()));
        assertThat(second.get(b.id())).isEqualTo(first.get(b.id()));
        ModelObject engine = store.withActor(reload(store, b), Actor.SYNC_STEP).set("backend_status", "x");
        store.saveBookkeeping(List.of(engine), List.of("backend_status"));
        assertThat(store.rowVersions("Site", ids).get(b.id())).isNotEqualTo(second.get(b.id()));
        Map<Long, Long> inSnapshot = store.readSnapshot(() -> store.rowVersions("Site", ids));
        assertThat(inSnapshot).as("read in a snapshot").isEqualTo(store.rowVersions("Site", ids));
    }
}
