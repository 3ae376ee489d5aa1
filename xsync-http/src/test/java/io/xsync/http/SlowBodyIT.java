package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.store.Store;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authenticated clients that send their bodies a byte at a time hold connections, not server
 * threads: probes and other requests keep being answered, and each slow body is cut off with 408
 * once the body timeout passes.
 */
class SlowBodyIT {
    private static final int SLOW_CLIENTS = 20;
    private static final String AUTH = HttpFixture.basic("admin", "secret");
    private Store store;
    private HttpFixture http;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        store = TestData.store();
        HttpSettings.Limits limits = HttpSettings.Limits.defaults().withBodyTimeout(Duration.ofSeconds(3));
        http = new HttpFixture(store, HttpSettings.defaults().withBasicAuth("admin", "secret").withLimits(limits));
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        http.close();
        store.close();
    }

    @Test
    void twentySlowBodiesDoNotStarveProbesAndAreCutOffWith408() throws Exception {
        assertThat(SLOW_CLIENTS).as("more slow clients than server threads")
                .isGreaterThan(HttpSettings.Limits.defaults().threads());
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            Socket s = new Socket("127.0.0.1", http.engine.port());
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/models/Person HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + AUTH
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sockets.add(s);
        }
        // every slow client is now mid-body; the server must still answer
        HttpResponse<String> ready = http.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/models/Person").statusCode()).isEqualTo(200);
        assertThat(http.send("POST", "/api/models/Person", "{\"first_name\": \"A\", \"last_name\": \"B\"}", AUTH)
                .statusCode()).as("a whole body is still served").isEqualTo(201);

        for (Socket s : sockets) {
            s.setSoTimeout(30_000);
            String response = readAll(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 408").contains("request body not received within 3000 ms");
        }
        assertThat(store.models(io.xsync.runtime.store.Actor.API).get("Person").all()).hasSize(1);
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
