package io.xsync.runtime;

import io.xsync.api.Step;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.WarningGroups;
import io.xsync.runtime.steps.LoadedSteps;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a synchronizer loaded: for the startup log line and {@code xsync validate}.
 *
 * @param name     the synchronizer name
 * @param models   model names in file order
 * @param steps    the loaded steps
 * @param storeUrl the store's JDBC URL, password redacted
 * @param engines  names of the started engines (empty when only validated)
 * @param warnings config and schema warnings
 * @param warningLines the same warnings for display: each once, repeated kinds grouped
 */
public record SynchronizerSummary(String name, List<String> models, LoadedSteps steps, String storeUrl,
                                  List<String> engines, List<String> warnings, List<String> warningLines) {

    static SynchronizerSummary of(XsyncConfig config, Schema schema, LoadedSteps steps, String storeUrl,
                                  List<String> engines) {
        List<String> warnings = new ArrayList<>(config.warnings());
        warnings.addAll(schema.warnings());
        List<String> lines = new ArrayList<>(new LinkedHashSet<>(config.warnings()));
        lines.addAll(WarningGroups.lines(schema.warningList()));
        return new SynchronizerSummary(config.get(ConfigKeys.NAME),
                schema.models().stream().map(ModelDef::name).collect(Collectors.toList()), steps, storeUrl,
                List.copyOf(engines), List.copyOf(warnings), List.copyOf(lines));
    }

    /** One line for the log. */
    public String oneLine() {
        return "synchronizer " + name + " started: models " + models + ", steps " + stepCounts()
                + ", store " + storeUrl + ", engines " + (engines.isEmpty() ? "none" : String.join(", ", engines));
    }

    /** Several lines for {@code xsync validate}. */
    public List<String> lines() {
        return List.of(
                "synchronizer: " + name,
                "models (" + models.size() + "): " + String.join(", ", models),
                "sync steps: " + names(steps.syncSteps()),
                "policies: " + names(steps.policies()),
                "pull steps: " + names(steps.pullSteps()),
                "event steps: " + names(steps.eventSteps()),
                "store: " + storeUrl,
                "warnings: " + warnings.size());
    }

    /** {@code 1 sync, 0 policies, 0 pull, 2 event}. */
    public String stepCounts() {
        return steps.syncSteps().size() + " sync, " + steps.policies().size() + " policies, "
                + steps.pullSteps().size() + " pull, " + steps.eventSteps().size() + " event";
    }

    private static String names(List<? extends Step> steps) {
        return steps.isEmpty() ? "none" : steps.stream().map(Step::name).collect(Collectors.joining(", "));
    }
}
