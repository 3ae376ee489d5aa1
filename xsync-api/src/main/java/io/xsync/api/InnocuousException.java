package io.xsync.api;

/**
 * Thrown by a sync step for a failure that is expected and harmless. The object gets
 * {@code backend_code = 1} and is retried with the short (innocuous) backoff.
 */
public class InnocuousException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public InnocuousException(String message) {
        super(message);
    }
}
