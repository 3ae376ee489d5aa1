package io.xsync.runtime.sync;

import java.time.Duration;

/**
 * Retry delays after failures, in XOS fashion: the first failure is retried on the next pass,
 * then each failure waits {@code exponent × base} (exponent = earlier consecutive failures),
 * capped. Innocuous failures use their own, shorter base.
 *
 * @param base          unit for errors (XOS: 10 min)
 * @param innocuousBase unit for innocuous errors (XOS: 1 min)
 * @param cap           longest delay (XOS: 8 h)
 * @param disabled      {@code backoff_disabled}: failed objects are retried on every pass
 */
public record Backoff(Duration base, Duration innocuousBase, Duration cap, boolean disabled) {

    /** The XOS defaults. */
    public static Backoff xosDefaults() {
        return new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(8), false);
    }

    /** How long to wait after a failure, given the exponent before this failure. */
    public Duration delay(int exponent, boolean innocuous) {
        if (disabled || exponent <= 0) {
            return Duration.ZERO;
        }
        Duration unit = innocuous ? innocuousBase : base;
        if (unit.isZero()) {
            return Duration.ZERO;
        }
        if (exponent > cap.dividedBy(unit)) {
            return cap; // also keeps exponent × unit from overflowing
        }
        Duration d = unit.multipliedBy(exponent);
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
