package io.xsync.api;

/** A model operation was refused: unknown model or field, bad value, permission, conflict. */
public class ModelException extends XsyncException {
    private static final long serialVersionUID = 1L;

    /** Why an operation was refused; the HTTP API maps each kind to a status code. */
    public enum Kind { UNKNOWN_MODEL, UNKNOWN_FIELD, INVALID_VALUE, NOT_FOUND, PERMISSION, CONFLICT }

    private final Kind kind;

    public ModelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
