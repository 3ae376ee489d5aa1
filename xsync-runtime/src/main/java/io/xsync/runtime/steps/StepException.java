package io.xsync.runtime.steps;

import io.xsync.api.XsyncException;

/** A step could not be compiled, loaded or validated; the message names the file or the step. */
public class StepException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public StepException(String message) {
        super(message);
    }

    public StepException(String message, Throwable cause) {
        super(message, cause);
    }
}
