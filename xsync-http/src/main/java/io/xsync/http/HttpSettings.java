package io.xsync.http;

import io.xsync.runtime.config.XsyncConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code http.*} settings of a synchronizer (see {@link HttpKeys}).
 *
 * @param bind             address to bind
 * @param port             port; 0 picks a free one
 * @param username         basic-auth user, or null
 * @param password         basic-auth password, or null
 * @param token            bearer token, or null
 * @param anonymousReads   whether reads need no credentials
 * @param anonymousWrites  whether writes need no credentials
 * @param keystore         PKCS12 keystore enabling HTTPS, or null
 * @param keystorePassword keystore password, or null
 * @param limits           what one client may use of the server
 */
public record HttpSettings(String bind, int port, String username, String password, String token,
                           boolean anonymousReads, boolean anonymousWrites, Path keystore,
                           String keystorePassword, Limits limits) {

    /**
     * What one client may use of the server (the {@code http.limits.*} keys).
     *
     * @param maxBodyBytes   largest request body
     * @param maxHeaderBytes largest request line plus headers
     * @param bodyTimeout    longest time to receive a whole request body
     * @param threads        most server threads (handling requests, reading and writing)
     * @param idleTimeout    a connection with no traffic for this long is closed
     * @param maxMeters      most meters in the synchronizer's registry; further ones are not recorded
     */
    public record Limits(int maxBodyBytes, int maxHeaderBytes, Duration bodyTimeout, int threads,
                         Duration idleTimeout, int maxMeters) {

        /** Fewest threads: the acceptor and selector take two, and requests need some. */
        public static final int MIN_THREADS = 4;

        /** The defaults of the {@code http.limits.*} keys. */
        public static Limits defaults() {
            return new Limits(HttpKeys.MAX_BODY.defaultValue(), HttpKeys.MAX_HEADER.defaultValue(),
                    HttpKeys.BODY_TIMEOUT.defaultValue(), HttpKeys.THREADS.defaultValue(),
                    HttpKeys.IDLE_TIMEOUT.defaultValue(), HttpKeys.MAX_METERS.defaultValue());
        }

        /** The {@code http.limits.*} keys of a config (checked by their keys when it was read). */
        static Limits from(XsyncConfig config) {
            return new Limits(config.get(HttpKeys.MAX_BODY), config.get(HttpKeys.MAX_HEADER),
                    config.get(HttpKeys.BODY_TIMEOUT), config.get(HttpKeys.THREADS), config.get(HttpKeys.IDLE_TIMEOUT),
                    config.get(HttpKeys.MAX_METERS));
        }

        /** A copy with another largest body. */
        public Limits withMaxBodyBytes(int bytes) {
            return new Limits(bytes, maxHeaderBytes, bodyTimeout, threads, idleTimeout, maxMeters);
        }

        /** A copy with another body read timeout. */
        public Limits withBodyTimeout(Duration timeout) {
            return new Limits(maxBodyBytes, maxHeaderBytes, timeout, threads, idleTimeout, maxMeters);
        }
    }

    /** Reads the {@code http.*} keys of a loaded config. */
    public static HttpSettings from(XsyncConfig config) {
        return new HttpSettings(config.get(HttpKeys.BIND), config.get(HttpKeys.PORT),
                config.get(HttpKeys.USERNAME), config.get(HttpKeys.PASSWORD),
                config.get(HttpKeys.TOKEN), config.get(HttpKeys.ANONYMOUS_READS),
                config.get(HttpKeys.ANONYMOUS_WRITES), config.path(HttpKeys.TLS_KEYSTORE),
                config.get(HttpKeys.TLS_PASSWORD), Limits.from(config));
    }

    /** Defaults of every key: 127.0.0.1:8181, anonymous reads, no writes, plain HTTP. */
    public static HttpSettings defaults() {
        return new HttpSettings(HttpKeys.BIND.defaultValue(), HttpKeys.PORT.defaultValue(), null,
                null, null, HttpKeys.ANONYMOUS_READS.defaultValue(),
                HttpKeys.ANONYMOUS_WRITES.defaultValue(), null, null, Limits.defaults());
    }

    /** A copy listening on another port. */
    public HttpSettings withPort(int newPort) {
        return new HttpSettings(bind, newPort, username, password, token, anonymousReads, anonymousWrites,
                keystore, keystorePassword, limits);
    }

    /** A copy with basic-auth credentials. */
    public HttpSettings withBasicAuth(String user, String pass) {
        return new HttpSettings(bind, port, user, pass, token, anonymousReads, anonymousWrites, keystore,
                keystorePassword, limits);
    }

    /** A copy accepting this bearer token. */
    public HttpSettings withToken(String newToken) {
        return new HttpSettings(bind, port, username, password, newToken, anonymousReads, anonymousWrites,
                keystore, keystorePassword, limits);
    }

    /** A copy with other anonymous access rules. */
    public HttpSettings withAnonymous(boolean reads, boolean writes) {
        return new HttpSettings(bind, port, username, password, token, reads, writes, keystore, keystorePassword,
                limits);
    }

    /** A copy with other limits. */
    public HttpSettings withLimits(Limits newLimits) {
        return new HttpSettings(bind, port, username, password, token, anonymousReads, anonymousWrites, keystore,
                keystorePassword, newLimits);
    }

    /** A copy serving HTTPS from this PKCS12 keystore. */
    public HttpSettings withTls(Path newKeystore, String newPassword) {
        return new HttpSettings(bind, port, username, password, token, anonymousReads, anonymousWrites,
                newKeystore, newPassword, limits);
    }

    /**
     * The base URI a client on this machine uses, e.g. {@code http://127.0.0.1:8181/}; a wildcard
     * bind address is reached on 127.0.0.1.
     */
    public URI clientUri(int actualPort) {
        String host = bind;
        if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((tls() ? "https" : "http") + "://" + host + ":" + actualPort + "/");
    }

    /** Whether HTTPS is on. */
    public boolean tls() {
        return keystore != null;
    }

    @Override
    public String toString() {
        return "HttpSettings[" + bind + ":" + port + (tls() ? " tls" : "") + ", user=" + username
                + ", token=" + (token == null ? "none" : "set") + ", anonymousReads=" + anonymousReads
                + ", anonymousWrites=" + anonymousWrites + "]";
    }
}
