package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.StatusContributor;
import io.xsync.runtime.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the status page in headless Chromium against a running server with real data and
 * checks what the page's script put into the DOM.
 */
class StatusPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    @TempDir
    Path profile;
    private final Store store = TestData.store();
    private HttpFixture http;

    @BeforeEach
    void start() {
        requireChromium();
        StatusIT.seed(store);
        http = new HttpFixture(store, HttpSettings.defaults());
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        store.close();
    }

    @Test
    void pageShowsEngineSections() throws Exception {
        http.engine.addStatusContributor(new StatusContributor() {
            @Override public String statusSection() {
                return "pull";
            }

            @Override public List<StepStatus> stepStatus() {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("last_run", Instant.now().minusSeconds(30));
                v.put("runs", 17);
                return List.of(new StepStatus("InventoryPullStep", v));
            }
        });
        String dom = dumpDom(http.engine.uri().toString());
        assertThat(dom).contains("<table id=\"section-pull\">", "InventoryPullStep", ">17<", "ago)");
    }

    @Test
    void pageShowsCountsAndTheErrorMessage() throws Exception {
        String dom = dumpDom(http.engine.uri().toString());
        assertThat(dom).contains("data-loaded=\"true\"");
        assertThat(dom).contains("id=\"count-Person-ok\">3<", "id=\"count-Person-error\">1<",
                "id=\"count-Person-pending\">1<", "id=\"count-Person-no_sync\">1<",
                "id=\"count-Person-deleted\">1<", "id=\"count-Person-total\">6<");
        assertThat(dom).contains("backend exploded: connection refused");
        assertThat(dom).containsPattern("<a href=\"api/models/Person/\\d+\">\\d+</a>");
        assertThat(dom).contains("test-sync");
        assertThat(dom).contains("<div id=\"problem\"></div>");
    }

    /**
     * In CI ({@code CI=true}; {@code .ci/run} installs Chromium) a missing browser fails the test;
     * elsewhere it skips, naming the package to install.
     */
    private static void requireChromium() {
        String missing = CHROMIUM + " not found (apt-get install -y chromium)";
        if ("true".equals(System.getenv("CI"))) {
            assertThat(Files.isExecutable(CHROMIUM)).as("CI=true: the browser test must run, but " + missing).isTrue();
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "browser test skipped: " + missing);
    }

    private String dumpDom(String url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--dump-dom", "--virtual-time-budget=5000", url));
        Path out = profile.resolve("dom.html");
        Path err = profile.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(err));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(dom).as("chromium exit " + p.exitValue() + ": " + Files.readString(err)).contains("</html>");
        return dom;
    }
}
