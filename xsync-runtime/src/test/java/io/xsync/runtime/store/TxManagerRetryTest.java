package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Which store-internal transactions are run again after the database rolled them back. */
class TxManagerRetryTest {
    private final TxManager tx = new TxManager(memoryDatabase(), new ChangeNotifier(Set.of()));

    @Test
    void aDeadlockVictimRunsAgainUntilItCommits() {
        AtomicInteger runs = new AtomicInteger();
        int result = tx.atomicallyRerun("insert X", c -> {
            if (runs.incrementAndGet() < 3) {
                throw new SQLTransactionRollbackException("Deadlock detected", "40001");
            }
            return 42;
        });
        assertThat(result).isEqualTo(42);
        assertThat(runs).hasValue(3);
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheDatabaseError() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> tx.atomicallyRerun("insert X", c -> {
            runs.incrementAndGet();
            throw new SQLException("deadlock detected", "40P01");
        })).isInstanceOf(StoreException.class).hasMessageContaining("insert X failed: deadlock detected");
        assertThat(runs).hasValue(TxManager.ATTEMPTS);
    }

    @Test
    void otherErrorsAreNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> tx.atomicallyRerun("insert X", c -> {
            runs.incrementAndGet();
            throw new SQLException("duplicate key", "23505");
        })).isInstanceOf(StoreException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void workJoinedToAnOuterTransactionIsNotRunAgainAlone() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> tx.inTransaction(() -> tx.atomicallyRerun("insert X", c -> {
            runs.incrementAndGet();
            throw new SQLException("deadlock detected", "40P01");
        }))).isInstanceOf(StoreException.class);
        assertThat(runs).as("the outer transaction was rolled back whole; only its owner may rerun it").hasValue(1);
    }

    @Test
    void recognisesTheRollbackStatesOfBothDatabases() {
        assertThat(TxManager.isTransientConflict(new StoreException("x", new SQLException("d", "40001")))).isTrue();
        assertThat(TxManager.isTransientConflict(new SQLException("d", "40P01"))).isTrue();
        assertThat(TxManager.isTransientConflict(new SQLException("concurrent update", "90131", 90131))).isTrue();
        assertThat(TxManager.isTransientConflict(new SQLException("gone", "08006"))).isFalse();
        assertThat(TxManager.isTransientConflict(new IllegalStateException("bug"))).isFalse();
    }

    private static JdbcDataSource memoryDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:txretry;DB_CLOSE_DELAY=-1");
        return ds;
    }
}
