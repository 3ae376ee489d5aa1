package io.xsync.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;

/**
 * The one embedded broker of a test JVM: started lazily on a free port, stopped when the JVM
 * exits. Tests use a topic of their own ({@link #uniqueTopic(String)}).
 */
public final class SharedBroker {
    private static EmbeddedKafka broker;

    private SharedBroker() {
    }

    /** The shared broker, started on first use. */
    public static synchronized EmbeddedKafka get() {
        if (broker == null) {
            try {
                broker = EmbeddedKafka.start(Files.createTempDirectory("xsync-kafka-test"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedKafka started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "xsync-kafka-test-stop"));
        }
        return broker;
    }

    /** A topic name no other test uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
