package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterCompilerTest {
    private final Catalog catalog = new Catalog(TestSchemas.chain());
    private final Table slice = catalog.table("Slice");
    private final Table site = catalog.table("Site");

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Object> values(FilterCompiler.Compiled c) {
        return c.params().stream().map(FilterCompiler.Param::value).toList();
    }

    @Test
    void emptyCriteriaExcludeDeleted() {
        FilterCompiler.Compiled c = FilterCompiler.compile(slice, Map.of());
        assertThat(c.where()).isEqualTo("\"deleted\" = FALSE");
        assertThat(c.params()).isEmpty();
    }

    @Test
    void namingDeletedDropsTheImplicitExclusion() {
        FilterCompiler.Compiled c = FilterCompiler.compile(slice, map("deleted", true));
        assertThat(c.where()).isEqualTo("\"deleted\" = ?");
        assertThat(values(c)).containsExactly(true);
        assertThat(FilterCompiler.compile(slice, map("deleted__ne", true)).where()).doesNotContain("\"deleted\" = FALSE");
    }

    @Test
    void equalityBindsConvertedValues() {
        FilterCompiler.Compiled c = FilterCompiler.compile(slice, map("name", "a", "site", 3));
        assertThat(c.where()).isEqualTo("\"name\" = ? AND \"site_id\" = ? AND \"deleted\" = FALSE");
        assertThat(values(c)).containsExactly("a", 3L);
    }

    @Test
    void linkMayBeNamedByFieldOrColumn() {
        assertThat(FilterCompiler.compile(slice, map("site_id", 4L)).where()).startsWith("\"site_id\" = ?");
        assertThat(FilterCompiler.compile(slice, map("site__in", List.of(1, 2))).where())
                .startsWith("\"site_id\" IN (?, ?)");
    }

    @Test
    void nullEqualityIsIsNull() {
        assertThat(FilterCompiler.compile(slice, map("description", null)).where()).startsWith("\"description\" IS NULL");
        assertThat(FilterCompiler.compile(slice, map("description__ne", null)).where())
                .startsWith("\"description\" IS NOT NULL");
    }

    @Test
    void comparisonOperators() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        FilterCompiler.Compiled c = FilterCompiler.compile(site, map("counter__gt", 1, "counter__gte", 2,
                "counter__lt", 3, "counter__lte", 4, "updated__gt", t));
        assertThat(c.where()).isEqualTo("\"counter\" > ? AND \"counter\" >= ? AND \"counter\" < ? AND \"counter\" <= ?"
                + " AND \"updated\" > ? AND \"deleted\" = FALSE");
        assertThat(values(c)).containsExactly(1, 2, 3, 4, t);
    }

    @Test
    void notEqualKeepsNulls() {
        FilterCompiler.Compiled c = FilterCompiler.compile(site, map("name__ne", "x"));
        assertThat(c.where()).startsWith("(\"name\" <> ? OR \"name\" IS NULL)");
    }

    @Test
    void inWithEmptyCollectionMatchesNothing() {
        assertThat(FilterCompiler.compile(site, map("id__in", List.of())).where()).startsWith("1 = 0");
    }

    @Test
    void containsAndStartswithEscapeWildcards() {
        FilterCompiler.Compiled c = FilterCompiler.compile(site, map("name__contains", "50%_a\\", "name__startswith", "ab"));
        assertThat(c.where()).isEqualTo("\"name\" LIKE ? ESCAPE '\\' AND \"name\" LIKE ? ESCAPE '\\' AND \"deleted\" = FALSE");
        assertThat(values(c)).containsExactly("%50\\%\\_a\\\\%", "ab%");
    }

    @Test
    void isnull() {
        assertThat(FilterCompiler.compile(site, map("ratio__isnull", true)).where()).startsWith("\"ratio\" IS NULL");
        assertThat(FilterCompiler.compile(site, map("ratio__isnull", false)).where()).startsWith("\"ratio\" IS NOT NULL");
        assertThatThrownBy(() -> FilterCompiler.compile(site, map("ratio__isnull", "yes")))
                .isInstanceOf(ModelException.class).hasMessageContaining("Site.ratio");
    }

    @Test
    void textValuesAreParsedForTypedFields() {
        FilterCompiler.Compiled c = FilterCompiler.compile(site, map("counter", "7", "enabled", "true"));
        assertThat(values(c)).containsExactly(7, true);
    }

    @Test
    void unknownFieldNamesModelAndField() {
        assertThatThrownBy(() -> FilterCompiler.compile(slice, map("colour", "red")))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNKNOWN_FIELD))
                .hasMessageContaining("colour").hasMessageContaining("Slice");
        assertThatThrownBy(() -> FilterCompiler.compile(slice, map("colour__gt", 1)))
                .isInstanceOf(ModelException.class).hasMessageContaining("colour");
    }

    @Test
    void unknownOperatorIsRefused() {
        assertThatThrownBy(() -> FilterCompiler.compile(slice, map("name__like", "a")))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNKNOWN_FIELD))
                .hasMessageContaining("__like");
    }

    @Test
    void wrongValueTypeIsInvalidValue() {
        assertThatThrownBy(() -> FilterCompiler.compile(site, map("counter", 1.5)))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID_VALUE))
                .hasMessageContaining("Site.counter").hasMessageContaining("int32");
        assertThatThrownBy(() -> FilterCompiler.compile(site, map("counter__contains", "1")))
                .isInstanceOf(ModelException.class).hasMessageContaining("Site.counter");
    }

    @Test
    void valuesNeverEnterTheSql() {
        FilterCompiler.Compiled c = FilterCompiler.compile(site, map("name", "x'; DROP TABLE xs_site; --"));
        assertThat(c.where()).doesNotContain("DROP");
        assertThat(values(c)).containsExactly("x'; DROP TABLE xs_site; --");
    }

    @Test
    void equalitiesCompileAsCompileDoesAndTestHeldRowsAsTheMatcherDoes() {
        Map<String, Object> criteria = map("name", "a", "site", "3");
        FilterCompiler.Equalities eq = FilterCompiler.equalities(slice, criteria);
        FilterCompiler.Compiled c = FilterCompiler.compile(slice, criteria);
        assertThat(eq.where()).isEqualTo(c.where());
        assertThat(eq.params(slice, criteria)).isEqualTo(c.params());
        Map<String, Object> other = map("name", "b", "site", 4);
        assertThat(eq.params(slice, other)).isEqualTo(FilterCompiler.compile(slice, other).params());

        FilterCompiler.HeldMatch fast = eq.matcher(eq.params(slice, criteria));
        FilterCompiler.HeldMatch general = FilterCompiler.matcher(slice, criteria);
        assertThat(fast.keyColumn()).isEqualTo(general.keyColumn());
        assertThat(fast.keyValues()).isEqualTo(general.keyValues());
        for (Map<String, Object> row : List.of(map("name", "a", "site_id", 3L, "deleted", false),
                map("name", "a", "site_id", 3L, "deleted", true), map("name", "a", "site_id", 4L, "deleted", false),
                map("name", "b", "site_id", 3L, "deleted", false), map("name", "a", "deleted", false))) {
            assertThat(fast.test().test(row)).as(row.toString()).isEqualTo(general.test().test(row));
        }
        Map<String, Object> deleted = map("name", "a", "deleted", true);
        FilterCompiler.Equalities withDeleted = FilterCompiler.equalities(slice, deleted);
        assertThat(withDeleted.where()).isEqualTo(FilterCompiler.compile(slice, deleted).where());
        assertThat(withDeleted.matcher(withDeleted.params(slice, deleted)).test()
                .test(map("name", "a", "deleted", true))).isTrue();
    }

    @Test
    void onlyEqualitiesToValuesOnStoredFieldsAreEqualities() {
        assertThat(FilterCompiler.equalities(slice, map("name", "a", "site__in", List.of(1)))).isNull();
        assertThat(FilterCompiler.equalities(slice, map("name", null))).isNull();
        assertThat(FilterCompiler.equalities(slice, Map.of())).isNull();
        assertThat(FilterCompiler.equalities(site, map("ratio", 0.5)).matcher(List.of(
                new FilterCompiler.Param(io.xsync.runtime.schema.FieldType.DOUBLE, 0.5)))).as("not exact in memory").isNull();
        assertThatThrownBy(() -> FilterCompiler.equalities(site, map("counter", 1.5)))
                .isInstanceOf(ModelException.class).hasMessageContaining("Site.counter");
    }
}
