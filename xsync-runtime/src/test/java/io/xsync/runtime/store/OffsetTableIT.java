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
    void savesUpsertsAndLoadsPerGroup(String dialect) {
        JdbcStore store = open(dialect);
        OffsetTable offsets = new OffsetTable(store);
        assertThat(offsets.load("g", List.of(T0, T1))).isEmpty();
        offsets.save("g", "t", 0, 10);
        offsets.save("g", "t", 0, 11);
        offsets.save("g", "u", 0, 5);
        offsets.save("other", "t", 1, 99);
        assertThat(offsets.load("g", List.of(T0, T1, U0))).isEqualTo(Map.of(T0, 11L, U0, 5L));
        assertThat(offsets.load("g", List.of(T0))).isEqualTo(Map.of(T0, 11L));
        assertThat(offsets.load("other", List.of(T0, T1))).isEqualTo(Map.of(T1, 99L));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void savesJoinTheCallersTransaction(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        OffsetTable offsets = new OffsetTable(store);
        assertThatThrownBy(() -> store.inTransaction(() -> {
            offsets.save("g", "t", 0, 7);
            site(store, "s");
            throw new IllegalStateException("event failed");
        })).hasMessage("event failed");
        assertThat(offsets.load("g", List.of(T0))).isEmpty();
        store.inTransaction(() -> {
            offsets.save("g", "t", 0, 8);
            site(store, "s");
            return null;
        });
        assertThat(offsets.load("g", List.of(T0))).isEqualTo(Map.of(T0, 8L));
    }
}
