package io.xsync.runtime.steps;

import io.xsync.api.EventStep;
import io.xsync.api.Policy;
import io.xsync.api.PullStep;
import io.xsync.api.SyncStep;
import java.util.List;

/** The step instances of a synchronizer, one per step class, validated and not yet initialised. */
public record LoadedSteps(List<SyncStep> syncSteps, List<Policy> policies, List<PullStep> pullSteps,
                          List<EventStep> eventSteps) {

    public LoadedSteps {
        syncSteps = List.copyOf(syncSteps);
        policies = List.copyOf(policies);
        pullSteps = List.copyOf(pullSteps);
        eventSteps = List.copyOf(eventSteps);
    }

    /** No steps at all. */
    public static LoadedSteps none() {
        return new LoadedSteps(List.of(), List.of(), List.of(), List.of());
    }
}
