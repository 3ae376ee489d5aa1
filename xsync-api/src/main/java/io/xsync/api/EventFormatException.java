package io.xsync.api;

/** An event's key or value could not be decoded as the step asked (e.g. not JSON). */
public class EventFormatException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
