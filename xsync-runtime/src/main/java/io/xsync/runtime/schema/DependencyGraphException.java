package io.xsync.runtime.schema;

import io.xsync.api.XsyncException;

/** A model-deps file that cannot be read, is malformed, or names models the schema lacks. */
public class DependencyGraphException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public DependencyGraphException(String message) {
        super(message);
    }

    public DependencyGraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
