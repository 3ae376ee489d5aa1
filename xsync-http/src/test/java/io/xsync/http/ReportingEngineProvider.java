package io.xsync.http;

import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.EngineProvider;
import io.xsync.runtime.spi.Readiness;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.spi.SynchronizerContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test engine that reports readiness and a status section, plugged in through
 * META-INF/services the way real engines are; only created for synchronizers named
 * {@code reporting-test}.
 */
public final class ReportingEngineProvider implements EngineProvider {

    @Override
    public Optional<Engine> create(SynchronizerContext context) {
        return context.name().equals("reporting-test") ? Optional.of(new ReportingEngine()) : Optional.empty();
    }

    /** Ready once started; one pull-like row in section "pull". */
    static final class ReportingEngine implements Engine, Readiness, StatusContributor {
        private volatile boolean running;

        @Override public String name() {
            return "reporting";
        }

        @Override public void start() {
            running = true;
        }

        @Override public void stop(Duration timeout) {
            running = false;
        }

        @Override public boolean ready() {
            return running;
        }

        @Override public String detail() {
            return running ? "running" : "stopped";
        }

        @Override public String statusSection() {
            return "pull";
        }

        @Override public List<StepStatus> stepStatus() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("last_run", "2024-05-06T07:08:09Z");
            v.put("runs", 42);
            return List.of(new StepStatus("InventoryPullStep", v));
        }
    }
}
