package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Store#readSnapshot}: all reads inside see one moment of the whole store, on H2 (its
 * SNAPSHOT level; REPEATABLE READ would snapshot each table at its first read) and PostgreSQL.
 */
class SnapshotReadIT extends StoreTestSupport {

    /** Creates a Site and a Slice of it in one transaction, on another thread (another connection). */
    private static void commitSiteAndSliceElsewhere(JdbcStore store) throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                store.inTransaction(() -> slice(store, site(store, "later"), "later-slice"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void readsOfDifferentModelsSeeOneMoment(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        site(store, "before");
        long[] seen = store.readSnapshot(() -> {
            long sites = api(store).get("Site").count(Map.of());
            commitSiteAndSliceElsewhere(store); // after the snapshot was taken by the first read
            long slices = api(store).get("Slice").count(Map.of());
            long sitesAgain = api(store).get("Site").count(Map.of());
            return new long[] {sites, slices, sitesAgain};
        });
        assertThat(seen).as("sites, slices (a table not read before), sites again").containsExactly(1, 0, 1);
        assertThat(api(store).get("Slice").count(Map.of())).as("committed meanwhile").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void theConnectionGoesBackToThePoolAtItsUsualLevel(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        int usual;
        try (Connection c = store.dataSource().getConnection()) {
            usual = c.getTransactionIsolation();
        }
        store.readSnapshot(() -> api(store).get("Site").count(Map.of()));
        // HikariCP hands a thread the connection it returned last: the one the snapshot used
        try (Connection c = store.dataSource().getConnection()) {
            assertThat(c.getTransactionIsolation()).isEqualTo(usual);
            assertThat(c.getAutoCommit()).isTrue();
        }
    }
}
