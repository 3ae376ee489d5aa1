package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Soft delete, cascade and write_protect (docs/semantics.md, "Delete"), on H2 and PostgreSQL. */
class DeleteCascadeIT extends StoreTestSupport {

    @ParameterizedTest
    @MethodSource("dialects")
    void deleteIsSoftAndClearsEnactedAndPoliced(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject bySync = store.withActor(site, Actor.SYNC_STEP);
        bySync.set("enacted", Instant.now()).set("policed", Instant.now()).save();
        Instant updated = reload(store, site).getInstant("updated");
        site.delete();
        ModelObject back = reload(store, site);
        assertThat(back.getBoolean("deleted")).isTrue();
        assertThat(back.getInstant("enacted")).isNull();
        assertThat(back.getInstant("policed")).isNull();
        assertThat(back.getInstant("updated")).isEqualTo(updated);
        assertThat(site.getBoolean("deleted")).as("the in-memory object follows").isTrue();
        assertThat(site.getInstant("enacted")).isNull();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void deleteCascadesRecursivelyThroughLinks(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "a");
        ModelObject slice1 = slice(store, site, "s1");
        ModelObject slice2 = slice(store, site, "s2");
        ModelObject inst = instance(store, slice1, "i1");
        ModelObject other = site(store, "b");
        ModelObject otherSlice = slice(store, other, "s3");
        site.delete();
        for (ModelObject o : new ModelObject[] {site, slice1, slice2, inst}) {
            assertThat(reload(store, o).getBoolean("deleted")).as(o.toString()).isTrue();
        }
        assertThat(reload(store, other).getBoolean("deleted")).isFalse();
        assertThat(reload(store, otherSlice).getBoolean("deleted")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void cascadeFollowsLinksToAParentModel(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject vsg = api(store).get("VsgService").newObject().set("name", "v");
        vsg.save();
        ModelObject tenant = api(store).get("Tenant").newObject().set("name", "t").set("provider", vsg);
        tenant.save();
        vsg.delete();
        assertThat(reload(store, tenant).getBoolean("deleted")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void writeProtectRefusesDeletion(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        site.set("write_protect", true).save();
        assertThatThrownBy(site::delete).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageContaining("Site " + site.id()).hasMessageContaining("write-protected");
        assertThat(reload(store, site).getBoolean("deleted")).isFalse();
        assertThat(site.getBoolean("deleted")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void writeProtectAnywhereInTheCascadeRefusesTheWholeDelete(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject slice = slice(store, site, "x");
        ModelObject slice2 = slice(store, site, "y");
        ModelObject inst = instance(store, slice, "i");
        inst.set("write_protect", true).save();
        assertThatThrownBy(site::delete).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageContaining("Instance " + inst.id());
        for (ModelObject o : new ModelObject[] {site, slice, slice2, inst}) {
            assertThat(reload(store, o).getBoolean("deleted")).as(o.toString()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void deletedObjectsAreExcludedUnlessTheFilterNamesDeleted(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        ModelObject b = site(store, "b");
        b.delete();
        var sites = api(store).get("Site");
        assertThat(sites.all()).containsExactly(a);
        assertThat(sites.filter(Map.of("name", "b"))).isEmpty();
        assertThat(sites.count(Map.of())).isEqualTo(1);
        assertThat(sites.filter(Map.of("deleted", true))).containsExactly(b);
        assertThat(sites.count(Map.of("deleted__in", java.util.List.of(true, false)))).isEqualTo(2);
        assertThat(sites.get(b.id())).as("get by id sees deleted objects").isPresent();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void deletingInsideACallerTransactionRollsBackWithIt(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject slice = slice(store, site, "x");
        assertThatThrownBy(() -> store.inTransaction(() -> {
            site.delete();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(reload(store, site).getBoolean("deleted")).isFalse();
        assertThat(reload(store, slice).getBoolean("deleted")).isFalse();
    }
}
