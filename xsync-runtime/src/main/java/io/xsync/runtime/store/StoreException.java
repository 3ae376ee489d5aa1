package io.xsync.runtime.store;

import io.xsync.api.XsyncException;

/** The store could not be opened or a database operation failed; the message says what and where. */
public class StoreException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
