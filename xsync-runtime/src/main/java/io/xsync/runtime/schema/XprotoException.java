package io.xsync.runtime.schema;

import io.xsync.api.XsyncException;

/** A malformed or inconsistent xproto file; the message starts with {@code file:line:column}. */
public class XprotoException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public XprotoException(SourceRef where, String message) {
        super(where + ": " + message);
    }
}
