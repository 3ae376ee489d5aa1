package io.xsync.api;

/**
 * Thrown by a sync step when the backend is still working on the object. The object keeps
 * {@code backend_code = 0} and is retried on the next pass without backoff.
 */
public class DeferredException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public DeferredException(String message) {
        super(message);
    }
}
