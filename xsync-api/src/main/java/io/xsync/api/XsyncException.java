package io.xsync.api;

/**
 * Root of every exception xsync throws. Unchecked, so step code is not forced to declare it.
 * Subclasses say what went wrong; the message always names the place (file, key, model, field).
 */
public class XsyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XsyncException(String message) {
        super(message);
    }

    public XsyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
