package io.xsync.kafka;

import java.nio.file.Files;

/**
 * The embedded broker alone in a child JVM, so that a test can freeze it ({@code kill -STOP}).
 * Prints {@code broker ready <bootstrap>} once it listens, then runs until killed.
 * Argument: none (a free port and a temporary data directory).
 */
public final class BrokerChild {
    /** The line printed when the broker listens; the bootstrap servers follow it. */
    public static final String READY = "broker ready ";

    private BrokerChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(Files.createTempDirectory("xsync-frozen"), 0);
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
