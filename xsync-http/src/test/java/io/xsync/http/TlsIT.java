package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.store.Store;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from a PKCS12 keystore made with keytool. */
class TlsIT {
    private static final String PASSWORD = "changeit-tls";
    @TempDir
    Path dir;
    private final Store store = TestData.store();
    private HttpFixture http;
    private Path keystore;

    @BeforeEach
    void makeKeystore() throws Exception {
        keystore = dir.resolve("server.p12");
        Process p = new ProcessBuilder("keytool", "-genkeypair", "-alias", "xsync", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool: " + out).isZero();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        store.close();
    }

    private SSLContext trusting(Path ks) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    @Test
    void servesHttpsWithTheConfiguredKeystore() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore))
                .connectTimeout(Duration.ofSeconds(5)).build();
        http = new HttpFixture(store, HttpSettings.defaults().withTls(keystore, PASSWORD)
                .withBasicAuth("admin", "pw"), client);
        assertThat(http.engine.uri().getScheme()).isEqualTo("https");
        HttpResponse<String> r = http.get("/api/models");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Person");
        r = http.send("POST", "/api/models/Person", "{\"first_name\": \"T\", \"last_name\": \"LS\"}",
                HttpFixture.basic("admin", "pw"));
        assertThat(r.statusCode()).isEqualTo(201);
    }

    @Test
    void statusClientTrustsTheConfiguredKeystore() throws Exception {
        HttpSettings settings = HttpSettings.defaults().withTls(keystore, PASSWORD).withBasicAuth("admin", "pw")
                .withAnonymous(false, false);
        http = new HttpFixture(store, settings, HttpClient.newBuilder().sslContext(trusting(keystore)).build());
        StatusClient client = new StatusClient(settings.withPort(http.engine.port()), Duration.ofSeconds(10));
        assertThat(client.baseUri().toString()).startsWith("https://127.0.0.1:");
        assertThat(client.fetch().get("name").asText()).isEqualTo("test-sync");
    }

    @Test
    void plainHttpIsNotServedOnTheTlsPort() throws Exception {
        http = new HttpFixture(store, HttpSettings.defaults().withTls(keystore, PASSWORD),
                HttpClient.newBuilder().sslContext(trusting(keystore)).build());
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + http.engine.port() + "/healthz");
        int status;
        try {
            status = plain.send(java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            status = -1;
        }
        assertThat(status).isNotEqualTo(200);
    }
}
