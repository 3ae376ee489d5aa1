package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {

    @Test
    void databaseConnectionErrorsAreOutagesNotFailuresOfTheWork() {
        assertThat(StoreException.isOutage(new RuntimeException(new SQLTransientConnectionException("pool")))).isTrue();
        assertThat(StoreException.isOutage(new SQLException("gone", "08006"))).isTrue();
        // PostgreSQL being stopped: "terminating connection due to administrator command", "shutting down"
        assertThat(StoreException.isOutage(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(StoreException.isOutage(new SQLException("shutting down", "57P03"))).isTrue();
        assertThat(StoreException.isOutage(new SQLException("dup", "23505"))).isFalse();
        assertThat(StoreException.isOutage(new IllegalStateException("step bug"))).isFalse();
    }
}
