package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store's background health check, on H2 and PostgreSQL. */
class StoreHealthIT extends StoreTestSupport {

    @ParameterizedTest
    @MethodSource("dialects")
    void healthIsReadyAndLeavesNoQueryTimeoutOnThePooledConnections(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.health().ready());
        assertThat(store.health().name()).isEqualTo("store");
        assertThat(store.health().detail()).isEqualTo(dialect + " reachable");
        // H2 keeps a statement's query timeout for the whole session: a check that set one would
        // make every later statement on that pooled connection fail after it
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < store.settings().poolSize(); i++) {
                Connection c = store.dataSource().getConnection();
                all.add(c);
                try (Statement s = c.createStatement()) {
                    assertThat(s.getQueryTimeout()).as("query timeout of pooled connection " + i).isZero();
                }
            }
        } finally {
            for (Connection c : all) {
                c.close();
            }
        }
    }
}
