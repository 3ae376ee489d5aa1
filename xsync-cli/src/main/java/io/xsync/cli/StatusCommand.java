package io.xsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xsync.http.HttpKeys;
import io.xsync.http.HttpSettings;
import io.xsync.http.StatusClient;
import io.xsync.http.StatusReport;
import io.xsync.http.StatusText;
import io.xsync.runtime.SharedModels;
import io.xsync.runtime.StoreOpener;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xsync status}: asks the running synchronizer ({@code GET /api/status} at the config's
 * {@code http.bind}/{@code http.port}) and, when it cannot be reached, reads the store directly
 * (model counts and errors only; engine sections need the running process).
 *
 * <p>Exit codes, for scripts and probes: {@value #HEALTHY} healthy (running, ready, no object in
 * error); {@value #UNHEALTHY} running but not ready or with objects in error; {@value #NOT_RUNNING}
 * no synchronizer answered (the store's view is still printed).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints the synchronizer's status summary (from the running synchronizer, else from the store).")
final class StatusCommand implements Callable<Integer> {
    static final int HEALTHY = 0;
    static final int UNHEALTHY = 1;
    static final int NOT_RUNNING = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--timeout", defaultValue = "3", paramLabel = "SECONDS",
            description = "How long to wait for the running synchronizer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoggingSetup.quiet();
        XsyncConfig cfg = config.load();
        String why;
        if (cfg.get(HttpKeys.ENABLED)) {
            StatusClient client = new StatusClient(HttpSettings.from(cfg), Duration.ofSeconds(timeoutSeconds));
            try {
                JsonNode status = client.fetch();
                print(out, status, "running synchronizer at " + client.baseUri());
                return healthy(status) ? HEALTHY : UNHEALTHY;
            } catch (IOException e) {
                why = "no answer from a synchronizer at " + client.baseUri() + " (" + describe(e) + ")";
            }
        } else {
            why = "http.enabled is false";
        }
        print(out, fromStore(cfg), "store, read directly: " + why);
        return NOT_RUNNING;
    }

    /** Every readiness check ready and no model with objects in error. */
    static boolean healthy(JsonNode status) {
        for (JsonNode check : status.path("readiness")) {
            if (!check.path("ready").asBoolean()) {
                return false;
            }
        }
        for (JsonNode model : status.path("models")) {
            if (model.path("error").asLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private void print(PrintWriter out, JsonNode status, String source) throws IOException {
        if (json) {
            ((ObjectNode) status).put("source", source);
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            out.print(StatusText.render(status, source));
        }
        out.flush();
    }

    private static JsonNode fromStore(XsyncConfig cfg) {
        SharedModels models = SharedModels.fromStore(cfg);
        try (Store store = StoreOpener.DEFAULT.open(cfg, models.schema(), models.ownership())) {
            StatusReport report = new StatusReport(cfg.get(ConfigKeys.NAME), store, List::of, List::of);
            return JSON.valueToTree(report.collect());
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
