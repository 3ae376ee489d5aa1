package io.xsync.api;

import java.time.Duration;

/**
 * Brings facts from the environment into the model on an interval. Runs never overlap for one
 * step; a failure is logged and counted, and the next run happens on schedule. Objects created
 * here usually set {@code no_sync} so that no sync step acts on them.
 */
public abstract class PullStep extends Step {

    /** Time between the end of one run and the start of the next (default 5 s). */
    public Duration interval() {
        return Duration.ofSeconds(5);
    }

    /** Reads the environment and writes what it finds into the model. */
    public abstract void pullRecords() throws Exception;
}
