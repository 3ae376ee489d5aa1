package io.xsync.http;

import io.xsync.api.XsyncException;

/** A request refused with an HTTP status; the message goes to the client as {"error": ...}. */
final class HttpError extends XsyncException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    HttpError(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }
}
