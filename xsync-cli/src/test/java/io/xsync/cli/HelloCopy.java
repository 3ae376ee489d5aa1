package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A copy of {@code examples/hello} without its {@code data} directory (so it starts from empty
 * data), with the embedded broker on {@code kafkaPort} and the HTTP server on a free port, so
 * that tests neither collide with each other nor with a hello synchronizer running on the
 * machine.
 */
final class HelloCopy {
    static final Path EXAMPLE = Path.of("..", "examples", "hello");

    private HelloCopy() {
    }

    /** Copies the example into {@code target} and returns the copied config file. */
    static Path create(Path target, int kafkaPort) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> !EXAMPLE.relativize(f).startsWith("data"))::iterator) {
                Path copy = target.resolve(EXAMPLE.relativize(f).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy);
            }
        }
        Path config = target.resolve("config.yaml");
        String yaml = Files.readString(config);
        String moved = yaml
                .replace("\n  endpoint: embedded", "\n  embedded_port: " + kafkaPort + "\n  endpoint: embedded")
                .replace("\n  port: 8181", "\n  port: 0");
        assertThat(moved).as("examples/hello/config.yaml no longer has the lines the copy rewrites")
                .contains("embedded_port: " + kafkaPort, "  port: 0\n");
        Files.writeString(config, moved);
        return config;
    }
}
