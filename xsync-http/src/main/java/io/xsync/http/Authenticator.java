package io.xsync.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Decides whether a request may proceed: HTTP basic credentials or a bearer token from the
 * config; requests without credentials only where anonymous reads or writes are allowed.
 * Credentials that are present but wrong are always refused.
 */
final class Authenticator {

    /** The outcome of a check. */
    enum Result { ALLOWED, MISSING, BAD }

    private final HttpSettings settings;

    Authenticator(HttpSettings settings) {
        this.settings = settings;
    }

    /** Checks the {@code Authorization} header (may be null) of a read or write request. */
    Result check(String authorization, boolean write) {
        if (authorization == null || authorization.isBlank()) {
            boolean anonymous = write ? settings.anonymousWrites() : settings.anonymousReads();
            return anonymous ? Result.ALLOWED : Result.MISSING;
        }
        return valid(authorization.trim()) ? Result.ALLOWED : Result.BAD;
    }

    private boolean valid(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = authorization.substring(0, space);
        String value = authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return settings.token() != null && same(value, settings.token());
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return basicValid(value);
        }
        return false;
    }

    @SuppressWarnings("ShortCircuitBoolean") // both checks run, so the time taken does not tell which failed
    private boolean basicValid(String encoded) {
        if (settings.username() == null || settings.password() == null) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // evaluate both so the time taken does not tell which one was wrong
        boolean user = same(decoded.substring(0, colon), settings.username());
        boolean pass = same(decoded.substring(colon + 1), settings.password());
        return user & pass;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
