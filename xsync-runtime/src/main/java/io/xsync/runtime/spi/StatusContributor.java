package io.xsync.runtime.spi;

import java.util.List;
import java.util.Map;

/**
 * Contributes a section to the status summary ({@code GET /api/status}, the status page and
 * {@code xsync status}): one row per step, e.g. the event engine reports lag and rate per event
 * step, the pull engine the last run of each pull step. Called on every status request; must be
 * cheap and must not block.
 */
public interface StatusContributor {

    /** Section title, e.g. {@code events} or {@code pull}. */
    String statusSection();

    /** The rows of the section, one per step. */
    List<StepStatus> stepStatus();

    /**
     * One row of a status section.
     *
     * @param step   the step name
     * @param values column name to value: numbers, strings, booleans or {@link java.time.Instant}s
     *               (null when unknown), in display order; suggested names: {@code lag},
     *               {@code events_per_s}, {@code last_run}, {@code last_duration_ms},
     *               {@code last_error}, {@code runs}, {@code failures}
     */
    record StepStatus(String step, Map<String, Object> values) {
    }
}
