package io.xsync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tar.gz that {@code mvn package} builds, unpacked and run as a user would: with a JDK on
 * PATH and nothing else (no Maven, no repository checkout beside it).
 */
class DistributionIT {
    @TempDir
    static Path tmp;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("xsync.dist.archive"));
        assertThat(archive).exists();
        Result untar = run(List.of(which("tar").toString(), "xzf", archive.toString(), "-C", tmp.toString()), tmp);
        assertThat(untar.code).as(untar.output).isZero();
        home = tmp.resolve("xsync-" + System.getProperty("xsync.dist.version"));
    }

    @Test
    void holdsLauncherLibrariesDocsAndExamplesWithoutData() throws IOException {
        assertThat(Files.isExecutable(home.resolve("bin/xsync"))).isTrue();
        assertThat(home.resolve("README.md")).exists();
        assertThat(home.resolve("docs/configuration.md")).exists();
        assertThat(home.resolve("examples/hello/config.yaml")).exists();
        assertThat(home.resolve("examples/hello/data")).doesNotExist();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("xsync-cli-"))
                    .anyMatch(n -> n.startsWith("xsync-api-"))
                    .anyMatch(n -> n.startsWith("kafka-clients-"))
                    .noneMatch(n -> n.startsWith("junit-") || n.startsWith("assertj-"));
        }
    }

    @Test
    void runsWithOnlyAJdkOnThePath() throws Exception {
        Result version = run(List.of(home.resolve("bin/xsync").toString(), "-V"), tmp);
        assertThat(version.code).as(version.output).isZero();
        assertThat(version.output.strip()).startsWith("xsync ");
    }

    @Test
    void validatesTheShippedExampleCompilingItsSteps() throws Exception {
        Path config = home.resolve("examples/hello/config.yaml");
        Result validate = run(List.of(home.resolve("bin/xsync").toString(), "validate", "--config", config.toString()), tmp);
        assertThat(validate.code).as(validate.output).isZero();
        assertThat(validate.output).contains("event steps: MyModelEventStep")
                .contains("ok: " + config + " is valid");
    }

    private static Path shellTools() throws IOException {
        Path tools = tmp.resolve("tools");
        if (!Files.isDirectory(tools)) {
            Files.createDirectories(tools);
            for (String tool : List.of("bash", "dirname", "tar", "gzip")) {
                Files.createSymbolicLink(tools.resolve(tool), which(tool));
            }
        }
        return tools;
    }

    private static Path which(String tool) {
        return Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + tool + " in /usr/bin or /bin"));
    }

    private record Result(int code, String output) {
    }

    /**
     * Runs a command with PATH holding only the JDK's bin and a directory with bash and dirname
     * (what the launcher uses): no Maven, no other tool.
     */
    private static Result run(List<String> command, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        env.put("PATH", javaBin + ":" + shellTools());
        env.put("HOME", tmp.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
