package io.xsync.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs an orderly stop on SIGTERM and SIGINT (Ctrl-C) before the JVM begins to shut down, so that
 * the stop runs while everything is still open: libraries that close themselves in JVM shutdown
 * hooks (H2 closes its databases there) would otherwise race the stop and fail work in flight. A
 * second signal during the stop exits at once.
 */
final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {
    }

    /** Handles SIGTERM and SIGINT by running {@code stop} on thread {@code xsync-shutdown}. */
    static void install(Runnable stop) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    if (stopping.compareAndSet(false, true)) {
                        LOG.info("SIG{} received: stopping", sig.getName());
                        new Thread(stop, "xsync-shutdown").start();
                    } else {
                        LOG.info("SIG{} received again: exiting without waiting", sig.getName());
                        Runtime.getRuntime().halt(130);
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("signal {} cannot be handled here ({}); the shutdown hook stops the synchronizer", name,
                        e.getMessage());
            }
        }
    }
}
