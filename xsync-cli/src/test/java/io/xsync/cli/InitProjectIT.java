package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does: install xsync's artifacts with bin/xsync-install, {@code xsync init} a
 * project, {@code mvn verify} it. The install goes into a private local repository (never
 * ~/.m2, whose SNAPSHOTs other builds use) that takes third-party releases from ~/.m2 first (no
 * network needed once the main build has fetched them; Maven Central otherwise) and xsync's
 * SNAPSHOTs only from what the install put there; it runs on a copy of this repository so that the
 * nested build does not rewrite the classes this test runs from. Slow: a few minutes.
 */
class InitProjectIT {
    private static final Set<String> SKIPPED = Set.of("target", ".git", "data", "node_modules");

    @Test
    void anInitProjectBuildsAndPassesItsTestAgainstTheInstalledArtifactsAndAMisspelledFieldDoesNotCompile(
            @TempDir Path tmp) throws Exception {
        Path checkout = tmp.resolve("xsync");
        copySources(Path.of("..").toAbsolutePath().normalize(), checkout);
        Path settings = tmp.resolve("settings.xml");
        String home = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        String repository = "<id>home-m2</id><url>" + home + "</url><releases><enabled>true</enabled></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        Files.writeString(settings, "<settings><profiles><profile><id>home-m2</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>home-m2</activeProfile></activeProfiles>"
                + "</settings>\n");
        List<String> repo = List.of("-s", settings.toString(), "-Dmaven.repo.local=" + tmp.resolve("m2"));

        long t0 = System.nanoTime();
        run(checkout, tmp.resolve("install.log"), concat(List.of("bash", "bin/xsync-install"), repo), 0);
        System.out.printf("bin/xsync-install: %d s%n", seconds(t0));
        assertThat(tmp.resolve("m2/io/xsync")).isDirectoryContaining(p -> p.endsWith("xsync-api"))
                .isDirectoryContaining(p -> p.endsWith("xsync-maven-plugin"));
        assertThat(tmp.resolve("m2/io/xsync/xsync-api/0.1.0-SNAPSHOT/xsync-api-0.1.0-SNAPSHOT-sources.jar"))
                .isRegularFile();

        Path project = tmp.resolve("my-sync");
        CliRun init = CliRun.of("init", project.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).startsWith("created 10 files in " + project);

        long t1 = System.nanoTime();
        String verify = run(project, tmp.resolve("verify.log"), concat(List.of("mvn", "-B", "verify"), repo), 0);
        System.out.printf("mvn verify of the new project: %d s%n", seconds(t1));
        assertThat(verify).contains("Generated 1 model class(es) in package models")
                .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");

        CliRun validate = CliRun.of("validate", "--config", project.resolve("config.yaml").toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("event steps: ItemEventStep");

        Path step = project.resolve("src/main/java/mysync/event_steps/ItemEventStep.java");
        Files.writeString(step, Files.readString(step).replace("item.setQuantity(", "item.setQuantty("));
        String broken = run(project, tmp.resolve("compile.log"),
                concat(List.of("mvn", "-B", "-o", "compile"), repo), 1);
        assertThat(broken).contains("ItemEventStep.java:[28,13] cannot find symbol")
                .contains("symbol:   method setQuantty(int)");
    }

    /** Runs {@code command} in {@code dir}, output to {@code log}; returns the output, failing on another exit code. */
    private static String run(Path dir, Path log, List<String> command, int expectedExit) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(command + " still runs after 30 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code of %s in %s; its output:%n%s", command, dir, tail(output))
                .isEqualTo(expectedExit);
        return output;
    }

    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = from.relativize(p);
                if (skipped(rel)) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static boolean skipped(Path rel) {
        for (Path part : rel) {
            if (SKIPPED.contains(part.toString())) {
                return true;
            }
        }
        return rel.getFileName() != null && rel.getFileName().toString().endsWith(".log");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }
}
