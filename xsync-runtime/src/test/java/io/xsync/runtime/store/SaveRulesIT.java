package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import io.xsync.runtime.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The save rules of docs/semantics.md, on H2 and PostgreSQL. */
class SaveRulesIT extends StoreTestSupport {

    private static ModelException.Kind kind(Throwable e) {
        return ((ModelException) e).kind();
    }

    /** {@code o} read back through an accessor of {@code actor}. */
    private static ModelObject as(JdbcStore store, Actor actor, ModelObject o) {
        return store.models(actor).get(o.model().name()).get(o.id()).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void insertSetsCreatedUpdatedAndLeafModelName(String dialect) {
        JdbcStore store = open(dialect);
        Instant before = store.clock().now();
        ModelObject site = site(store, "s");
        ModelObject back = reload(store, site);
        assertThat(back.getInstant("created")).isAfter(before);
        assertThat(back.getInstant("updated")).isEqualTo(back.getInstant("created"));
        assertThat(back.getString("leaf_model_name")).isEqualTo("Site");
        assertThat(back.getInstant("enacted")).isNull();
        assertThat(back.getInstant("policed")).isNull();
        assertThat(site.getInstant("created")).isEqualTo(back.getInstant("created"));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void apiSaveSetsUpdatedToNow(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        Instant first = reload(store, site).getInstant("updated");
        site.set("counter", 5).save();
        Instant second = reload(store, site).getInstant("updated");
        assertThat(second).isAfter(first);
        site.save(); // API saves move updated even with no change
        assertThat(reload(store, site).getInstant("updated")).isAfter(second);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void timestampsComeFromTheStoresClock(String dialect) {
        ManualTime time = new ManualTime(Instant.parse("2031-05-06T07:08:09.123456Z"));
        JdbcStore store = open(dialect, TestSchemas.chain(), time);
        ModelObject site = site(store, "s");
        assertThat(reload(store, site).getInstant("created")).isEqualTo(time.now());
        time.advance(Duration.ofHours(3));
        site.set("counter", 5).save();
        assertThat(reload(store, site).getInstant("updated")).isEqualTo(time.now());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void synchronizerSaveLeavesUpdated(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        Instant updated = reload(store, site).getInstant("updated");
        for (Actor actor : new Actor[] {Actor.SYNC_STEP, Actor.POLICY, Actor.PULL_STEP, Actor.EVENT_STEP, Actor.FRAMEWORK}) {
            as(store, actor, site).set("counter", actor.ordinal() + 10).save();
            assertThat(reload(store, site).getInstant("updated")).as(actor.name()).isEqualTo(updated);
            assertThat(reload(store, site).get("counter")).isEqualTo(actor.ordinal() + 10);
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void synchronizerSaveWithAlwaysUpdateTimestampMovesUpdated(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        Instant updated = reload(store, site).getInstant("updated");
        as(store, Actor.PULL_STEP, site).set("counter", 1).save(Save.alwaysUpdateTimestamp());
        Instant moved = reload(store, site).getInstant("updated");
        assertThat(moved).isAfter(updated);
        as(store, Actor.SYNC_STEP, site).save(Save.updateFields("counter").withAlwaysUpdateTimestamp());
        assertThat(reload(store, site).getInstant("updated")).isAfter(moved);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void syncStepRealChangeSetsChangedByStep(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject bySync = as(store, Actor.SYNC_STEP, site);
        Instant before = store.clock().now();
        bySync.set("counter", 3).save();
        ModelObject back = reload(store, site);
        assertThat(back.getInstant("changed_by_step")).isAfter(before);
        assertThat(back.getInstant("changed_by_policy")).isNull();
        assertThat(bySync.getInstant("changed_by_step")).isEqualTo(back.getInstant("changed_by_step"));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void syncStepBookkeepingOrUnchangedSaveLeavesChangedByStep(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject bySync = as(store, Actor.SYNC_STEP, site);
        bySync.set("backend_status", "OK").set("backend_code", 1).set("backend_register", "{\"failures\":0}")
                .set("backend_need_delete", true).set("enacted", Instant.now()).set("policy_status", "x")
                .set("last_seen", 42L).save();
        bySync.set("counter", 0).set("name", "s").save(); // same values as loaded: no change
        ModelObject back = reload(store, site);
        assertThat(back.getString("backend_status")).isEqualTo("OK");
        assertThat(back.getLong("last_seen")).isEqualTo(42L);
        assertThat(back.getInstant("changed_by_step")).isNull();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void changeIsComparedAgainstLoadedValuesNotAgainstTheRowNow(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject bySync = as(store, Actor.SYNC_STEP, site);
        site.set("counter", 9).save(); // the API changes the row after the step loaded it
        bySync.set("backend_status", "OK").save(); // the step writes bookkeeping only
        ModelObject back = reload(store, site);
        assertThat(back.getInstant("changed_by_step")).isNull();
        assertThat(back.get("counter")).as("only changed columns are written").isEqualTo(9);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void policyRealChangeSetsChangedByPolicy(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject byPolicy = as(store, Actor.POLICY, site);
        byPolicy.set("policy_status", "done").set("policy_code", 1).save();
        assertThat(reload(store, site).getInstant("changed_by_policy")).isNull();
        Instant before = store.clock().now();
        byPolicy.set("enabled", false).save();
        ModelObject back = reload(store, site);
        assertThat(back.getInstant("changed_by_policy")).isAfter(before);
        assertThat(back.getInstant("changed_by_step")).isNull();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void otherActorsDoNotStampChanges(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        for (Actor actor : new Actor[] {Actor.API, Actor.PULL_STEP, Actor.EVENT_STEP, Actor.FRAMEWORK}) {
            as(store, actor, site).set("counter", actor.ordinal() + 1).save();
        }
        ModelObject back = reload(store, site);
        assertThat(back.getInstant("changed_by_step")).isNull();
        assertThat(back.getInstant("changed_by_policy")).isNull();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void apiMayNotWriteFeedbackState(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject fresh = api(store).get("Site").newObject().set("name", "s").set("status_detail", "up");
        assertThatThrownBy(fresh::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.PERMISSION))
                .hasMessageContaining("Site.status_detail");
        assertThat(api(store).get("Site").count(java.util.Map.of())).isZero();

        ModelObject site = site(store, "s");
        as(store, Actor.SYNC_STEP, site).set("status_detail", "up").save();
        assertThat(reload(store, site).getString("status_detail")).isEqualTo("up");

        ModelObject byApi = reload(store, site);
        byApi.set("counter", 2).save(); // unchanged feedback field: fine
        byApi.set("status_detail", "down");
        assertThatThrownBy(byApi::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.PERMISSION))
                .hasMessageContaining("status_detail");
        assertThat(reload(store, site).getString("status_detail")).isEqualTo("up");
        for (Actor actor : new Actor[] {Actor.POLICY, Actor.PULL_STEP, Actor.EVENT_STEP, Actor.FRAMEWORK}) {
            as(store, actor, site).set("status_detail", actor.name()).save();
            assertThat(reload(store, site).getString("status_detail")).isEqualTo(actor.name());
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void updateFieldsLimitsTheUpdate(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        Instant updated = reload(store, site).getInstant("updated");
        ModelObject bySync = as(store, Actor.SYNC_STEP, site);
        bySync.set("name", "renamed").set("backend_status", "OK").save(Save.updateFields("backend_status"));
        ModelObject back = reload(store, site);
        assertThat(back.getString("backend_status")).isEqualTo("OK");
        assertThat(back.getString("name")).isEqualTo("s");
        assertThat(back.getInstant("updated")).isEqualTo(updated);
        assertThat(back.getInstant("changed_by_step")).isNull();
        bySync.save(); // the unsaved change is still pending and goes out with a plain save
        assertThat(reload(store, site).getString("name")).isEqualTo("renamed");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void updateFieldsAcceptsLinkNamesAndRefusesUnknownNames(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        ModelObject b = site(store, "b");
        ModelObject slice = slice(store, a, "x");
        slice.set("site", b).set("name", "y").save(Save.updateFields("site"));
        assertThat(reload(store, slice).get("site_id")).isEqualTo(b.id());
        assertThat(reload(store, slice).get("name")).isEqualTo("x");
        assertThatThrownBy(() -> slice.save(Save.updateFields("colour")))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.UNKNOWN_FIELD))
                .hasMessageContaining("colour").hasMessageContaining("Slice");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void linkToDeletedOrMissingObjectFails(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject gone = site(store, "gone");
        gone.delete();
        ModelObject slice = api(store).get("Slice").newObject().set("name", "x").set("site", gone.id());
        assertThatThrownBy(slice::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageContaining("Slice.site").hasMessageContaining("deleted");
        slice.set("site", 999_999L);
        assertThatThrownBy(slice::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageContaining("does not exist");
        ModelObject live = slice(store, site(store, "live"), "ok");
        live.set("site", gone);
        assertThatThrownBy(live::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT));
        assertThat(api(store).get("Slice").count(java.util.Map.of())).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void linkToAnObjectOfAnInheritingModelIsAccepted(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject vsg = api(store).get("VsgService").newObject().set("name", "vsg").set("vlan", 7);
        vsg.save();
        ModelObject tenant = api(store).get("Tenant").newObject().set("name", "t").set("provider", vsg);
        tenant.save();
        assertThat(tenant.related("provider")).map(o -> o.model().name()).contains("VsgService");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void valueConstraintsAreEnforcedOnSave(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject longName = api(store).get("Site").newObject().set("name", "x".repeat(21));
        assertThatThrownBy(longName::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.INVALID_VALUE))
                .hasMessageContaining("Site.name").hasMessageContaining("max_length 20");
        ModelObject slice = slice(store, site(store, "s"), "x");
        ModelObject bad = api(store).get("Instance").newObject().set("name", "i").set("slice", slice).set("kind", "vm2");
        assertThatThrownBy(bad::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.INVALID_VALUE))
                .hasMessageContaining("Instance.kind").hasMessageContaining("vm2");
        bad.set("kind", "container").save();
        ModelObject noName = api(store).get("Site").newObject();
        assertThatThrownBy(noName::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.INVALID_VALUE))
                .hasMessageContaining("Site.name").hasMessageContaining("required");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void wrongTypeNamesFieldAndExpectedType(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = api(store).get("Site").newObject();
        assertThatThrownBy(() -> site.set("counter", "five")).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.INVALID_VALUE))
                .hasMessageContaining("Site.counter").hasMessageContaining("int32");
        assertThatThrownBy(() -> site.set("enabled", 1)).isInstanceOf(ModelException.class)
                .hasMessageContaining("Site.enabled").hasMessageContaining("boolean");
        assertThatThrownBy(() -> site.set("counter", 3_000_000_000L)).isInstanceOf(ModelException.class)
                .hasMessageContaining("Site.counter");
        assertThatThrownBy(() -> site.set("colour", 1)).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.UNKNOWN_FIELD))
                .hasMessageContaining("colour").hasMessageContaining("Site");
        site.set("size", 5).set("ratio", 2).set("name", "n");
        assertThat(site.get("size")).isEqualTo(5L);
        assertThat(site.get("ratio")).isEqualTo(2.0);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void timestampsNeverTie(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        Instant last = reload(store, site).getInstant("updated");
        for (int i = 0; i < 20; i++) {
            site.set("counter", i).save();
            Instant now = reload(store, site).getInstant("updated");
            assertThat(now).isAfter(last);
            last = now;
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void idsAreUniqueAcrossModels(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject image = api(store).get("Image").newObject().set("name", "i");
        image.save();
        ModelObject slice = slice(store, site, "x");
        assertThat(java.util.Set.of(site.id(), image.id(), slice.id())).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void uniqueFieldsAreUniqueAmongLiveRows(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject img = api(store).get("Image").newObject().set("name", "ubuntu");
        img.save();
        ModelObject dup = api(store).get("Image").newObject().set("name", "ubuntu");
        assertThatThrownBy(dup::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageContaining("Image with name = 'ubuntu' exists already (id " + img.id() + ")");
        img.save(); // saving itself is no conflict
        img.delete();
        dup.save(); // a deleted row does not block re-creating the object
        assertThat(dup.isNew()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void uniqueWithChecksTheCombination(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        ModelObject b = site(store, "b");
        slice(store, a, "x");
        ModelObject bx = slice(store, b, "x"); // same name on another site: fine
        bx.set("site", a);
        assertThatThrownBy(bx::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageContaining("name = 'x'").hasMessageContaining("site_id = '" + a.id() + "'");
        assertThat(reload(store, bx).get("site")).isEqualTo(b.id());
    }
}
