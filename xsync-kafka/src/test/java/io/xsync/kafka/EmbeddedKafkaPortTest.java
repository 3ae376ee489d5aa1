package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.XsyncException;
import io.xsync.runtime.internal.DataDirLock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaPortTest {

    @Test
    void portInUseIsOneLineNamingThePortAndTheKeyAndTouchesNothing(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("kafka");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, port))
                    .isInstanceOf(XsyncException.class)
                    .hasMessage("embedded Kafka: port 127.0.0.1:" + port + " is already in use (another broker,"
                            + " or another xsync run?); set event_bus.embedded_port to a free port, or 0 for any");
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .as("nothing but the data directory's lock: not formatted").containsOnly(DataDirLock.FILE_NAME);
        }
    }

    @Test
    void freePortIsAccepted() {
        int port = EmbeddedKafka.freePort();
        assertThat(EmbeddedKafka.requireFree(port)).isEqualTo(port);
    }
}
