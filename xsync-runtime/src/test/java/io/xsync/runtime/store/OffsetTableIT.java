package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Event offsets in the store, on H2 and PostgreSQL. */
class OffsetTableIT extends StoreTestSupport {
    private static final OffsetTable.Partition T0 = new OffsetTable.Partition("t", 0);
    private static final OffsetTable.Partition T1 = new OffsetTable.Partition("t", 1);
    private static final OffsetTable.Partition U0 = new OffsetTable.Partition("u", 0);

    @ParameterizedTest
    @MethodSource("dialects")
    void advancesAndLoadsPerGroup(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        OffsetTable offsets = store.offsets();
        assertThat(offsets.load("g", List.of(T0, T1))).isEmpty();
        advance(store, "g", T0, null, 10);
        advance(store, "g", T0, 10L, 11);
        advance(store, "g", U0, null, 5);
        advance(store, "other", T1, null, 99);
        assertThat(offsets.load("g", List.of(T0, T1, U0))).isEqualTo(Map.of(T0, 11L, U0, 5L));
        assertThat(offsets.load("g", List.of(T0))).isEqualTo(Map.of(T0, 11L));
        assertThat(offsets.load("other", List.of(T0, T1))).isEqualTo(Map.of(T1, 99L));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void advancesJoinTheCallersTransaction(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        OffsetTable offsets = store.offsets();
        assertThatThrownBy(() -> store.inTransaction(() -> {
            offsets.advance("g", T0, null, 7);
            site(store, "s");
            throw new IllegalStateException("event failed");
        })).hasMessage("event failed");
        assertThat(offsets.load("g", List.of(T0))).isEmpty();
        advance(store, "g", T0, null, 8);
        assertThat(offsets.load("g", List.of(T0))).isEqualTo(Map.of(T0, 8L));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anAdvanceFromAStaleValueIsRefused(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        advance(store, "g", T0, null, 10);
        assertThatThrownBy(() -> advance(store, "g", T0, null, 10))
                .isInstanceOf(StaleOffsetException.class)
                .hasMessage("stored offset of t-0 for group g is no longer absent; "
                        + "another consumer took the partition over");
        assertThatThrownBy(() -> advance(store, "g", T0, 9L, 12))
                .isInstanceOf(StaleOffsetException.class)
                .hasMessageContaining("is no longer 9;");
        assertThat(store.offsets().load("g", List.of(T0))).isEqualTo(Map.of(T0, 10L));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anAdvanceOutsideATransactionIsRefused(String dialect) {
        JdbcStore store = open(dialect);
        assertThatThrownBy(() -> store.offsets().advance("g", T0, null, 1))
                .isInstanceOf(StoreException.class).hasMessageContaining("inside a transaction");
    }

    private static void advance(Store store, String group, OffsetTable.Partition p, Long expected, long next)
            throws Exception {
        store.inTransaction(() -> {
            store.offsets().advance(group, p, expected, next);
            return null;
        });
    }
}
