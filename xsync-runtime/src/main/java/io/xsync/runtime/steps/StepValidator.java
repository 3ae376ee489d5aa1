package io.xsync.runtime.steps;

import io.xsync.api.EventStep;
import io.xsync.api.Policy;
import io.xsync.api.PullStep;
import io.xsync.api.Step;
import io.xsync.api.SyncStep;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks what each step declares; every error names the step and where it came from. */
final class StepValidator {
    private final Set<String> models;
    private final Map<String, String> seenNames = new HashMap<>();

    /** @param models the schema's model names, or null to skip model checks */
    StepValidator(Set<String> models) {
        this.models = models;
    }

    void validate(Step step, String origin) {
        StepKind kind = StepKind.of(step.getClass());
        String name = call(step, origin, "name()", step::name);
        String what = kind.label() + " '" + name + "' (" + origin + ")";
        if (name == null || name.isBlank()) {
            throw new StepException(kind.label() + " class " + step.getClass().getName() + " (" + origin
                    + "): name() is blank");
        }
        String previous = seenNames.putIfAbsent(name, origin);
        if (previous != null) {
            throw new StepException("duplicate step name '" + name + "': " + previous + " and " + origin
                    + " (step names must be unique; override name())");
        }
        if (step instanceof SyncStep) {
            checkSync((SyncStep) step, what, origin);
        } else if (step instanceof Policy) {
            checkModel(call(step, origin, "modelName()", ((Policy) step)::modelName), what, "handles");
        } else if (step instanceof PullStep) {
            Duration interval = call(step, origin, "interval()", ((PullStep) step)::interval);
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new StepException(what + ": interval() must be positive, got " + interval);
            }
        } else if (step instanceof EventStep) {
            checkEvent((EventStep) step, what, origin);
        }
    }

    private void checkSync(SyncStep step, String what, String origin) {
        List<String> observes = call(step, origin, "observes()", step::observes);
        if (observes == null || observes.isEmpty()) {
            throw new StepException(what + " observes no model; observes() must name at least one");
        }
        for (String model : observes) {
            checkModel(model, what, "observes");
        }
    }

    private void checkModel(String model, String what, String verb) {
        if (model == null || model.isBlank()) {
            throw new StepException(what + " " + verb + " no model");
        }
        if (models != null && !models.contains(model)) {
            throw new StepException(what + " " + verb + " '" + model + "', which is not a model of the schema"
                    + " (known: " + String.join(", ", new TreeSet<>(models)) + ")");
        }
    }

    private void checkEvent(EventStep step, String what, String origin) {
        String technology = call(step, origin, "technology()", step::technology);
        if (!"kafka".equals(technology)) {
            throw new StepException(what + ": technology '" + technology + "' is not supported (only kafka)");
        }
        List<String> topics = call(step, origin, "topics()", step::topics);
        String pattern = call(step, origin, "pattern()", step::pattern);
        boolean hasTopics = topics != null && !topics.isEmpty();
        boolean hasPattern = pattern != null && !pattern.isEmpty();
        if (hasTopics && hasPattern) {
            throw new StepException(what + " declares both topics " + topics + " and pattern '" + pattern
                    + "'; declare one of them");
        }
        if (!hasTopics && !hasPattern) {
            throw new StepException(what + " declares neither topics nor a pattern; override topics() or pattern()");
        }
        if (hasTopics && topics.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new StepException(what + ": topics " + topics + " contain a blank topic name");
        }
        if (hasPattern) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new StepException(what + ": pattern '" + pattern + "' is not a valid regular expression: "
                        + e.getDescription() + " at index " + e.getIndex());
            }
        }
    }

    private static <T> T call(Step step, String origin, String method, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException | LinkageError e) {
            throw new StepException("step class " + step.getClass().getName() + " (" + origin + "): " + method
                    + " failed: " + e, e);
        }
    }
}
