package io.xsync.http;

import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.net.URI;
import java.nio.file.Path;

/**
 * The {@code http.*} settings of a synchronizer (see {@link ConfigKeys}).
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
 */
public record HttpSettings(String bind, int port, String username, String password, String token,
                           boolean anonymousReads, boolean anonymousWrites, Path keystore,
                           String keystorePassword) {

    /** Reads the {@code http.*} keys of a loaded config. */
    public static HttpSettings from(XsyncConfig config) {
        return new HttpSettings(config.get(ConfigKeys.HTTP_BIND), config.get(ConfigKeys.HTTP_PORT),
                config.get(ConfigKeys.HTTP_USERNAME), config.get(ConfigKeys.HTTP_PASSWORD),
                config.get(ConfigKeys.HTTP_TOKEN), config.get(ConfigKeys.HTTP_ANONYMOUS_READS),
                config.get(ConfigKeys.HTTP_ANONYMOUS_WRITES), config.path(ConfigKeys.HTTP_TLS_KEYSTORE),
                config.get(ConfigKeys.HTTP_TLS_PASSWORD));
    }

    /** Defaults of every key: 127.0.0.1:8181, anonymous reads, no writes, plain HTTP. */
    public static HttpSettings defaults() {
        return new HttpSettings(ConfigKeys.HTTP_BIND.defaultValue(), ConfigKeys.HTTP_PORT.defaultValue(), null,
                null, null, ConfigKeys.HTTP_ANONYMOUS_READS.defaultValue(),
                ConfigKeys.HTTP_ANONYMOUS_WRITES.defaultValue(), null, null);
    }

    /** A copy listening on another port. */
    public HttpSettings withPort(int newPort) {
        return new HttpSettings(bind, newPort, username, password, token, anonymousReads, anonymousWrites,
                keystore, keystorePassword);
    }

    /** A copy with basic-auth credentials. */
    public HttpSettings withBasicAuth(String user, String pass) {
        return new HttpSettings(bind, port, user, pass, token, anonymousReads, anonymousWrites, keystore,
                keystorePassword);
    }

    /** A copy accepting this bearer token. */
    public HttpSettings withToken(String newToken) {
        return new HttpSettings(bind, port, username, password, newToken, anonymousReads, anonymousWrites,
                keystore, keystorePassword);
    }

    /** A copy with other anonymous access rules. */
    public HttpSettings withAnonymous(boolean reads, boolean writes) {
        return new HttpSettings(bind, port, username, password, token, reads, writes, keystore, keystorePassword);
    }

    /** A copy serving HTTPS from this PKCS12 keystore. */
    public HttpSettings withTls(Path newKeystore, String newPassword) {
        return new HttpSettings(bind, port, username, password, token, anonymousReads, anonymousWrites,
                newKeystore, newPassword);
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
