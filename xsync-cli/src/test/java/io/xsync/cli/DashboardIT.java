package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.http.HttpEngine;
import io.xsync.runtime.Synchronizer;
import io.xsync.runtime.config.XsyncConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in {@code docs/grafana} queries what a synchronizer really exports: the
 * hello example runs (every engine), and every metric a panel's query names, and every label it
 * groups by, must be in its {@code /metrics} right after start.
 */
class DashboardIT {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "xsync-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    private static final Pattern BY = Pattern.compile("by \\(([^)]*)\\)");
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})? ");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @TempDir
    Path dir;

    @Test
    void everyPanelQueriesMetricsAndLabelsTheSynchronizerExports() throws Exception {
        Path config;
        try (ServerSocket s = new ServerSocket(0)) {
            config = HelloCopy.create(dir, s.getLocalPort());
        }
        Map<String, Set<String>> exported;
        try (Synchronizer sync = Synchronizer.start(XsyncConfig.load(config))) {
            URI base = sync.engines().stream().filter(HttpEngine.class::isInstance).map(HttpEngine.class::cast)
                    .findFirst().orElseThrow().uri();
            HttpClient client = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).until(() -> get(client, base.resolve("readyz")).statusCode() == 200);
            exported = series(get(client, base.resolve("metrics")).body());
        }
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> wrong = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries++;
                check(panel.get("title").asText(), target.get("expr").asText(), exported, wrong);
            }
        }
        assertThat(queries).isGreaterThan(10);
        assertThat(wrong).isEmpty();
    }

    private static void check(String panel, String expr, Map<String, Set<String>> exported, List<String> wrong) {
        Set<String> labels = new HashSet<>(Set.of("le", "instance", "job"));
        Matcher m = METRIC.matcher(expr);
        boolean any = false;
        while (m.find()) {
            any = true;
            String name = m.group(1);
            if (!exported.containsKey(name)) {
                wrong.add(panel + ": metric " + name + " is not exported");
            } else {
                labels.addAll(exported.get(name));
            }
        }
        if (!any) {
            wrong.add(panel + ": no metric found in " + expr);
        }
        Matcher by = BY.matcher(expr);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                if (!labels.contains(label.strip())) {
                    wrong.add(panel + ": groups by label '" + label.strip() + "', which its metrics lack");
                }
            }
        }
    }

    /** Series name to the label names it carries, from a Prometheus text scrape. */
    private static Map<String, Set<String>> series(String scrape) {
        Map<String, Set<String>> out = new HashMap<>();
        for (String line : scrape.split("\n")) {
            Matcher m = SERIES.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Set<String> labels = out.computeIfAbsent(m.group(1), k -> new HashSet<>());
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
        }
        return out;
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
