package io.xsync.kafka;

/** Thrown inside a partition worker when the engine stops or the partition was taken away. */
final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
        super("stopped", null, false, false);
    }
}
