package io.xsync.runtime.steps;

import io.xsync.api.EventStep;
import io.xsync.api.Policy;
import io.xsync.api.PullStep;
import io.xsync.api.Step;
import io.xsync.api.SyncStep;
import io.xsync.runtime.config.ConfigKey;
import io.xsync.runtime.config.ConfigKeys;

/** The four kinds of step code, each with its base class and the config key of its directory. */
public enum StepKind {
    SYNC(SyncStep.class, "sync step", ConfigKeys.STEPS_DIR),
    POLICY(Policy.class, "policy", ConfigKeys.MODEL_POLICIES_DIR),
    PULL(PullStep.class, "pull step", ConfigKeys.PULL_STEPS_DIR),
    EVENT(EventStep.class, "event step", ConfigKeys.EVENT_STEPS_DIR);

    private final Class<? extends Step> base;
    private final String label;
    private final ConfigKey<String> dirKey;

    StepKind(Class<? extends Step> base, String label, ConfigKey<String> dirKey) {
        this.base = base;
        this.label = label;
        this.dirKey = dirKey;
    }

    /** The API class steps of this kind extend. */
    public Class<? extends Step> base() {
        return base;
    }

    /** How messages name this kind ("sync step"). */
    public String label() {
        return label;
    }

    /** The config key naming this kind's directory. */
    public ConfigKey<String> dirKey() {
        return dirKey;
    }

    /** The kind of a step class, or null if it extends none of the four bases. */
    public static StepKind of(Class<?> type) {
        for (StepKind k : values()) {
            if (k.base.isAssignableFrom(type)) {
                return k;
            }
        }
        return null;
    }
}
