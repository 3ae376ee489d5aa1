package io.xsync.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Database work on a connection the {@link TxManager} provides. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
