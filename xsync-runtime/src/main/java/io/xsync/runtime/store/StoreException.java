package io.xsync.runtime.store;

import io.xsync.api.XsyncException;
import io.xsync.runtime.internal.Causes;
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
        return Causes.anyInChain(e, t -> t instanceof SQLTransientConnectionException
                || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
                // connection exception, or the server shutting down / starting up
                || t instanceof SQLException s && s.getSQLState() != null
                        && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P")));
    }
}
