package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.Model;
import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Models / Model / ModelObject behaviour against the database, on H2 and PostgreSQL. */
class AccessorIT extends StoreTestSupport {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void unknownModelIsNamed(String dialect) {
        JdbcStore store = open(dialect);
        assertThatThrownBy(() -> api(store).get("Nope")).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNKNOWN_MODEL)).hasMessageContaining("Nope");
        assertThat(api(store).names()).contains("Site", "Slice", "Instance");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void filterOperatorsSelectTheRightRows(String dialect) {
        JdbcStore store = open(dialect);
        Model sites = api(store).get("Site");
        ModelObject a = site(store, "alpha");
        ModelObject b = site(store, "beta");
        ModelObject c = site(store, "gamma_%");
        a.set("counter", 1).save();
        b.set("counter", 2).set("ratio", 0.5).save();
        c.set("counter", 3).save();
        assertThat(sites.filter(map("counter__gt", 1))).containsExactly(b, c);
        assertThat(sites.filter(map("counter__gte", 2))).containsExactly(b, c);
        assertThat(sites.filter(map("counter__lt", 2))).containsExactly(a);
        assertThat(sites.filter(map("counter__lte", 2))).containsExactly(a, b);
        assertThat(sites.filter(map("counter__ne", 2))).containsExactly(a, c);
        assertThat(sites.filter(map("counter__in", List.of(1, 3)))).containsExactly(a, c);
        assertThat(sites.filter(map("id__in", List.of()))).isEmpty();
        assertThat(sites.filter(map("name__contains", "et"))).containsExactly(b);
        assertThat(sites.filter(map("name__contains", "_%"))).containsExactly(c);
        assertThat(sites.filter(map("name__startswith", "al"))).containsExactly(a);
        assertThat(sites.filter(map("ratio__isnull", false))).containsExactly(b);
        assertThat(sites.filter(map("ratio", null))).containsExactly(a, c);
        assertThat(sites.filter(map("ratio__ne", 0.5))).containsExactly(a, c);
        assertThat(sites.filter(map("name", "x' OR '1'='1"))).isEmpty();
        assertThat(sites.count(map("counter__gte", 2, "name__startswith", "b"))).isEqualTo(1);
        Instant t = reload(store, b).getInstant("updated");
        assertThat(sites.filter(map("updated__gte", t))).containsExactly(b, c);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void linksFilterByFieldColumnIdOrObject(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject a = site(store, "a");
        ModelObject b = site(store, "b");
        ModelObject s1 = slice(store, a, "1");
        ModelObject s2 = slice(store, b, "2");
        Model slices = api(store).get("Slice");
        assertThat(slices.filter(map("site", a))).containsExactly(s1);
        assertThat(slices.filter(map("site", a.id()))).containsExactly(s1);
        assertThat(slices.filter(map("site_id", b.id()))).containsExactly(s2);
        assertThat(slices.filter(map("site__in", List.of(a, b)))).containsExactly(s1, s2);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void unknownFilterFieldNamesModelAndField(String dialect) {
        JdbcStore store = open(dialect);
        assertThatThrownBy(() -> api(store).get("Slice").filter(map("colour", 1)))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNKNOWN_FIELD))
                .hasMessageContaining("Slice").hasMessageContaining("colour");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void newObjectCarriesDefaults(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject o = api(store).get("Site").newObject();
        assertThat(o.isNew()).isTrue();
        assertThat(o.id()).isZero();
        assertThat(o.get("enabled")).isEqualTo(true);
        assertThat(o.get("backend_status")).isEqualTo("Provisioning in progress");
        assertThat(o.get("backend_register")).isEqualTo("{}");
        assertThat(o.get("policy_status")).isEqualTo("Policy in process");
        assertThat(o.get("leaf_model_name")).isEqualTo("Site");
        assertThat(o.getBoolean("deleted")).isFalse();
        assertThat(o.fields().keySet()).startsWith("id", "created", "updated").contains("name", "status_detail");
        assertThat(api(store).get("Site").fieldNames()).containsExactlyElementsOf(o.fields().keySet());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void valuesRoundTripWithTheirTypes(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject s = api(store).get("Site").newObject().set("name", "n").set("counter", 7).set("ratio", 1.25)
                .set("size", 1L << 40).set("enabled", false);
        s.save();
        ModelObject back = reload(store, s);
        assertThat(back.get("counter")).isEqualTo(7);
        assertThat(back.get("ratio")).isEqualTo(1.25);
        assertThat(back.get("size")).isEqualTo(1L << 40);
        assertThat(back.get("enabled")).isEqualTo(false);
        assertThat(back.get("id")).isEqualTo(s.id());
        assertThat(back.getInstant("created")).isInstanceOf(Instant.class);
        assertThat(back.fields()).isEqualTo(s.fields());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void relatedFollowsALink(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject slice = slice(store, site, "x");
        ModelObject inst = instance(store, slice, "i");
        assertThat(inst.related("slice")).contains(slice);
        assertThat(inst.related("slice").orElseThrow().related("site")).contains(site);
        assertThat(inst.related("slice_id")).contains(slice);
        assertThat(inst.related("image")).isEmpty();
        assertThatThrownBy(() -> inst.related("name")).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNKNOWN_FIELD));
        assertThat(inst.get("slice")).isEqualTo(slice.id());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void refreshReloadsEveryField(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject other = reload(store, site);
        other.set("counter", 12).save();
        site.set("ratio", 3.0);
        site.refresh();
        assertThat(site.get("counter")).isEqualTo(12);
        assertThat(site.get("ratio")).isNull();
        site.save(); // nothing pending after refresh
        assertThat(reload(store, site).get("counter")).isEqualTo(12);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void idCannotBeSet(String dialect) {
        JdbcStore store = open(dialect);
        assertThatThrownBy(() -> api(store).get("Site").newObject().set("id", 5L))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID_VALUE));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aLinkSetToAnObjectOfTheWrongModelIsRefused(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject slice = slice(store, site, "x");
        assertThatThrownBy(() -> api(store).get("Instance").newObject().set("slice", site))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID_VALUE))
                .hasMessageContaining("Instance.slice").hasMessageContaining("Slice").hasMessageContaining("Site");
        ModelObject vsg = api(store).get("VsgService").newObject().set("name", "v");
        vsg.save();
        api(store).get("Tenant").newObject().set("provider", vsg); // a subclass of the peer is fine
        assertThat(slice.related("site")).contains(site);
    }
}
