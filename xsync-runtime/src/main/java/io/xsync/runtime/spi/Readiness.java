package io.xsync.runtime.spi;

/**
 * A readiness check, reported by {@code GET /readyz}. Engines implement it to say whether they
 * can do their work (e.g. event consumers connected and assigned). Must be cheap and must not
 * block: it is called on every probe.
 */
public interface Readiness {

    /** Short name of what is checked, e.g. {@code events} or {@code store}. */
    String name();

    /** Whether it is ready now. */
    boolean ready();

    /** One line for humans: why it is (not) ready. */
    String detail();
}
