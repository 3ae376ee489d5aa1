package io.xsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fetches {@code GET /api/status} from a running synchronizer, using the same {@code http.*}
 * settings the server reads: address, credentials, and for HTTPS its keystore as trust.
 */
public final class StatusClient {
    private final HttpSettings settings;
    private final Duration timeout;

    /**
     * @param settings the server's {@code http.*} settings
     * @param timeout  how long to wait for the connection and for the answer
     */
    public StatusClient(HttpSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    /** The base URI of the server; a wildcard bind address is reached on 127.0.0.1. */
    public URI baseUri() {
        return settings.clientUri(settings.port());
    }

    /**
     * The status summary.
     *
     * @throws IOException when the server cannot be reached or does not answer 200; the message
     *                     says which
     */
    public JsonNode fetch() throws IOException {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout);
        if (settings.tls()) {
            client.sslContext(trustKeystore());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve("api/status")).timeout(timeout)
                .header("Accept", "application/json");
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        } else if (settings.username() != null && settings.password() != null) {
            String pair = settings.username() + ":" + settings.password();
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + baseUri() + "api/status answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Exchange.JSON.readTree(response.body());
    }

    private SSLContext trustKeystore() throws IOException {
        try (InputStream in = Files.newInputStream(settings.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            char[] pw = settings.keystorePassword() == null ? null : settings.keystorePassword().toCharArray();
            ks.load(in, pw);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use keystore " + settings.keystore() + " as trust: " + e.getMessage(), e);
        }
    }
}
