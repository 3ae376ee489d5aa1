package io.xsync.runtime.store;

import io.xsync.api.XsyncException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** The store could not be opened or a database operation failed; the message says what and where. */
public class StoreException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the error means the database cannot be reached: not the fault of the work that met
     * it, so an engine waits the outage out and retries without counting an attempt.
     */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true; // connection exception, or the server shutting down / starting up
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
