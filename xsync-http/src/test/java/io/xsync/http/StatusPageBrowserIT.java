package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.StatusContributor;
import io.xsync.runtime.store.Store;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Test
    void pageShowsVersionUptimeChartsAndHowToReplayADeadLetter() throws Exception {
        http.engine.addStatusContributor(new StatusContributor() {
            @Override public String statusSection() {
                return "events";
            }

            @Override public List<StepStatus> stepStatus() {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("lag", 4);
                v.put("events_per_s", 2.5);
                v.put("dead_lettered", 1);
                v.put("last_dead_letter", "0@12: EventFormatException: not JSON");
                return List.of(new StepStatus("MyModelEventStep", v));
            }
        });
        String dom = dumpDom(http.engine.uri().toString());
        assertThat(dom).contains("data-loaded=\"true\"");
        assertThat(dom).containsPattern("<span id=\"version\">\\d+\\.\\d+\\.\\d+[^<]*</span>");
        assertThat(dom).containsPattern("<span id=\"uptime\">\\d+ (s|min|h|d)");
        assertThat(dom).contains("0@12: EventFormatException: not JSON", "xsync dlt replay 0@12");
        for (String chart : List.of("chart-events", "chart-lag", "chart-errors")) {
            assertThat(dom).as(chart + " has drawn points")
                    .containsPattern("id=\"" + chart + "\"[^>]*>.*?<polyline points=\"\\d");
        }
        assertThat(dom).containsPattern("id=\"chart-errors\".*?<div class=\"value\">1</div>");
        assertThat(dom).containsPattern("id=\"chart-events\".*?<div class=\"value\">2.5</div>");
    }

    @Test
    void screenshotRendersWithoutScriptErrors() throws Exception {
        Path png = profile.resolve("status.png");
        String log = chromium(List.of("--screenshot=" + png, "--window-size=1280,1400", "--enable-logging=stderr",
                "--v=0", "--virtual-time-budget=5000", http.engine.uri().toString()), null);
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).as("PNG signature").isEqualTo("PNG");
        int width = ByteBuffer.wrap(bytes, 16, 4).getInt();
        int height = ByteBuffer.wrap(bytes, 20, 4).getInt();
        assertThat(width).isEqualTo(1280);
        assertThat(height).isEqualTo(1400);
        assertThat(bytes.length).as("a rendered page, not a blank image").isGreaterThan(20_000);
        assertThat(log).doesNotContain("Uncaught").doesNotContainPattern("CONSOLE.*(?i)error");
    }

    private String dumpDom(String url) throws Exception {
        Path out = profile.resolve("dom.html");
        chromium(List.of("--dump-dom", "--virtual-time-budget=5000", url), out);
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(dom).as("chromium output").contains("</html>");
        return dom;
    }

    /** Runs headless Chromium with {@code args}, its stdout to {@code out} (or discarded); returns its log. */
    private String chromium(List<String> args, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.resolve("profile")));
        cmd.addAll(args);
        Path err = profile.resolve("chromium.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(err));
        }
        String log = Files.readString(err);
        assertThat(p.exitValue()).as("chromium exit code; log: " + log).isZero();
        return log;
    }
}
