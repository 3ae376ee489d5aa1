package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelObject;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Thread-bound transactions, on H2 and PostgreSQL. */
class TransactionIT extends StoreTestSupport {

    private static long countOnOtherThread(JdbcStore store, String model) throws Exception {
        return CompletableFuture.supplyAsync(() -> api(store).get(model).count(Map.of())).get();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void commitsWhenWorkReturns(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        long id = store.inTransaction(() -> {
            ModelObject s = site(store, "a");
            slice(store, s, "x");
            assertThat(countOnOtherThread(store, "Site")).as("not visible before commit").isZero();
            return s.id();
        });
        assertThat(countOnOtherThread(store, "Site")).isEqualTo(1);
        assertThat(api(store).get("Site").get(id)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void rollsBackWhenWorkThrows(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject existing = site(store, "keep");
        assertThatThrownBy(() -> store.inTransaction(() -> {
            site(store, "a");
            existing.set("counter", 99).save();
            throw new java.io.IOException("disk");
        })).isInstanceOf(java.io.IOException.class);
        assertThat(api(store).get("Site").count(Map.of())).isEqualTo(1);
        assertThat(reload(store, existing).get("counter")).isEqualTo(0);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void nestedCallsJoinTheOuterTransaction(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        assertThatThrownBy(() -> store.inTransaction(() -> {
            Connection outer = store.currentConnection();
            store.inTransaction(() -> {
                assertThat(store.currentConnection()).isSameAs(outer);
                return site(store, "inner");
            });
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");
        assertThat(api(store).get("Site").count(Map.of())).as("inner work rolled back with the outer").isZero();

        store.inTransaction(() -> store.inTransaction(() -> site(store, "nested")));
        assertThat(api(store).get("Site").count(Map.of())).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void currentConnectionOnlyInsideATransaction(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        assertThat(store.currentConnection()).isNull();
        store.inTransaction(() -> {
            Connection c = store.currentConnection();
            assertThat(c).isNotNull();
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(CompletableFuture.supplyAsync(store::currentConnection).get()).as("bound to the thread").isNull();
            return null;
        });
        assertThat(store.currentConnection()).isNull();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void outsideATransactionEachOperationCommits(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        site(store, "a");
        assertThat(countOnOtherThread(store, "Site")).isEqualTo(1);
        ModelObject b = site(store, "b");
        assertThatThrownBy(() -> api(store).get("Site").newObject().save()).isInstanceOf(RuntimeException.class);
        assertThat(countOnOtherThread(store, "Site")).isEqualTo(2);
        assertThat(b.isNew()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aSavepointRollsBackOnlyTheFailingWork(String dialect) throws Exception {
        for (boolean batch : new boolean[] {false, true}) {
            aSavepointRollsBackOnlyTheFailingWork(open(dialect), batch);
        }
    }

    private static void aSavepointRollsBackOnlyTheFailingWork(JdbcStore store, boolean batch) throws Exception {
        transaction(store, batch, () -> {
            site(store, "before");
            assertThatThrownBy(() -> store.withSavepoint(() -> {
                site(store, "failing");
                throw new IllegalStateException("step fails");
            })).hasMessage("step fails");
            assertThatThrownBy(() -> store.withSavepoint(() -> {
                throw new IllegalStateException("fails before any statement");
            })).hasMessage("fails before any statement");
            store.withSavepoint(() -> site(store, "kept"));
            site(store, "after");
            return null;
        });
        assertThat(names(store)).containsExactlyInAnyOrder("before", "kept", "after");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void nestedSavepointsSetTogetherRollBackSeparately(String dialect) throws Exception {
        for (boolean batch : new boolean[] {false, true}) {
            nestedSavepointsSetTogetherRollBackSeparately(open(dialect), batch);
        }
    }

    private static void nestedSavepointsSetTogetherRollBackSeparately(JdbcStore store, boolean batch) throws Exception {
        transaction(store, batch, () -> {
            assertThatThrownBy(() -> store.withSavepoint(() -> store.withSavepoint(() -> {
                // the first statement after both savepoints were asked for sets both
                site(store, "inner");
                throw new IllegalStateException("inner fails");
            }))).hasMessage("inner fails");
            assertThatThrownBy(() -> store.withSavepoint(() -> {
                site(store, "outer");
                try {
                    store.withSavepoint(() -> {
                        site(store, "inner2");
                        throw new IllegalStateException("inner2 fails");
                    });
                } catch (IllegalStateException e) {
                    assertThat(e).hasMessage("inner2 fails");
                }
                site(store, "outer2");
                throw new IllegalStateException("outer fails");
            })).hasMessage("outer fails");
            store.withSavepoint(() -> {
                site(store, "kept");
                try {
                    store.withSavepoint(() -> {
                        throw new IllegalStateException("inner fails without a statement");
                    });
                } catch (IllegalStateException e) {
                    // nothing to roll back
                }
                return site(store, "kept2");
            });
            return null;
        });
        assertThat(names(store)).containsExactlyInAnyOrder("kept", "kept2");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aSavepointCoversStatementsOnTheCurrentConnection(String dialect) throws Exception {
        for (boolean batch : new boolean[] {false, true}) {
            aSavepointCoversStatementsOnTheCurrentConnection(open(dialect), batch);
        }
    }

    private static void aSavepointCoversStatementsOnTheCurrentConnection(JdbcStore store, boolean batch) throws Exception {
        transaction(store, batch, () -> {
            site(store, "before");
            assertThatThrownBy(() -> store.withSavepoint(() -> {
                try (java.sql.Statement st = store.currentConnection().createStatement()) {
                    st.executeUpdate("DELETE FROM \"xs_site\"");
                }
                throw new IllegalStateException("raw work fails");
            })).hasMessage("raw work fails");
            return null;
        });
        assertThat(names(store)).containsExactly("before");
    }

    /** A plain transaction, or a batch transaction (held-back inserts, logical savepoints). */
    private static void transaction(JdbcStore store, boolean batch, java.util.concurrent.Callable<Object> work)
            throws Exception {
        if (batch) {
            store.inBatchTransaction(work);
        } else {
            store.inTransaction(work);
        }
    }

    private static java.util.List<Object> names(JdbcStore store) {
        return api(store).get("Site").filter(Map.of()).stream().map(o -> o.get("name")).toList();
    }
}
