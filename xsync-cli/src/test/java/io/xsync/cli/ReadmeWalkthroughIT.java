package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.cli.ReadmeSession.Block;
import io.xsync.cli.ReadmeSession.Command;
import io.xsync.cli.ReadmeSession.LogLine;
import io.xsync.cli.ReadmeSession.Step;
import io.xsync.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows the README's walk-through literally: every {@code $ command} of its shell sessions runs
 * with {@code sh -c} from a directory laid out like the repository (a fresh copy of
 * examples/hello, and a {@code bin/xsync} that runs the command line on the test classpath), and
 * prints what the README shows below it, ids included. {@code bin/xsync run} runs in the
 * background (a block that starts one stops the previous one first, as the README says to),
 * {@code # log:} lines must show up in its log. Commands that only look are repeated until their
 * output matches (the synchronizer works asynchronously), the others run once. The copy differs
 * from the repository only in its ports, so it runs beside anything else on the machine.
 */
class ReadmeWalkthroughIT {
    static final Path README = Path.of("..", "README.md");
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** Laid out like the repository: bin/xsync and examples/hello. */
    private Path root;

    private Process synchronizer;
    private Path synchronizerLog;
    private int runs;

    @AfterEach
    void killSynchronizer() {
        if (synchronizer != null) {
            processTree(synchronizer).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void theWalkThroughPrintsWhatTheReadmeShows() throws Exception {
        ReadmeSession session = ReadmeSession.parse(README, "## Walk-through: the hello synchronizer");
        assertThat(session.blocks()).as("shell sessions in the README's walk-through").hasSizeGreaterThan(5);
        root = Files.createDirectories(dir.resolve("repo"));
        HelloCopy.create(root.resolve("examples/hello"), EmbeddedKafka.freePort());
        writeLauncher();

        for (Block block : session.blocks()) {
            if (block.startsASynchronizer()) {
                stopRunning();
            }
            for (Step step : block.steps()) {
                perform(step);
            }
        }
        stopRunning();
    }

    private void perform(Step step) throws Exception {
        long started = System.nanoTime();
        if (step instanceof Command c && c.isRun()) {
            startInBackground(c);
        } else if (step instanceof Command c) {
            run(c);
        } else {
            awaitLogLine((LogLine) step);
        }
        System.out.printf("README.md:%d done in %d ms%n", step.line(), (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void theEventStepShownIsTheShippedOne() throws IOException {
        String shipped = Files.readString(HelloCopy.EXAMPLE.resolve("event_steps/MyModelEventStep.java"));
        assertThat(Files.readString(README)).as("README.md shows examples/hello/event_steps/MyModelEventStep.java")
                .contains("```java\n" + shipped + "```\n");
    }

    @Test
    void everyCommandIsNamedInTheReadme() throws IOException {
        CliRun help = CliRun.of("--help");
        List<String> commands = help.outLines().stream().dropWhile(l -> !l.equals("Commands:")).skip(1)
                .filter(l -> l.matches("  \\S.*")).map(l -> l.strip().split("\\s+")[0]).toList();
        assertThat(commands).as("commands in xsync --help").contains("run", "models");
        String readme = Files.readString(README);
        assertThat(commands).allSatisfy(c -> assertThat(readme).as("README.md names command %s", c)
                .contains("`" + c + "`"));
    }

    /**
     * {@code bin/xsync} of the copy: the command line on this test's classpath, logging as the
     * real one does (the test jars on that classpath carry logback-test.xml files that log to
     * standard output).
     */
    private void writeLauncher() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path logback = Path.of("target", "classes", "logback.xml").toAbsolutePath();
        assertThat(logback).as("the command line's logging configuration").exists();
        Path launcher = root.resolve("bin/xsync");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                + " '-Dlogback.configurationFile=" + logback + "' -cp '" + System.getProperty("java.class.path")
                + "' " + XsyncCli.class.getName() + " \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
    }

    private void run(Command c) throws Exception {
        OutputPattern shown = OutputPattern.ofLines(c.output());
        AtomicReference<Shell> last = new AtomicReference<>();
        if (c.onlyReads()) { // repeated until the synchronizer caught up
            awaitTrue(() -> {
                last.set(Shell.run(root, dir, c.text()));
                return last.get().ok() && shown.matchesAll(last.get().out());
            });
        } else {
            last.set(Shell.run(root, dir, c.text()));
        }
        Shell result = last.get();
        assertThat(result.exitCode()).as("exit code of README.md:%d `%s`%nstderr:%n%s", c.line(), c.text(),
                result.err()).isZero();
        assertThat(shown.matchesAll(result.out()))
                .as("README.md:%d `%s` printed%n%s%nbut the README shows%n%s%nsynchronizer log:%n%s", c.line(),
                        c.text(), result.out(), shown, logTail())
                .isTrue();
    }

    private void startInBackground(Command c) throws IOException {
        synchronizerLog = dir.resolve("run-" + (++runs) + ".log");
        synchronizer = shell(root, c.text()).redirectErrorStream(true).redirectOutput(synchronizerLog.toFile())
                .start();
    }

    private void awaitLogLine(LogLine l) {
        assertThat(synchronizer).as("README.md:%d shows a log line but no synchronizer runs", l.line()).isNotNull();
        OutputPattern shown = OutputPattern.ofLogLine(l.text());
        Process running = synchronizer;
        boolean seen = awaitTrue(() -> shown.foundInSomeLine(log()) || !running.isAlive());
        assertThat(seen && shown.foundInSomeLine(log()))
                .as("README.md:%d: the synchronizer did not log%n%s%nits log:%n%s", l.line(), l.text(), logTail())
                .isTrue();
    }

    /**
     * Stops the running synchronizer as Ctrl-C would (a signal to the shell and everything it
     * started), and checks that it shut down in order.
     */
    private void stopRunning() throws Exception {
        if (synchronizer == null) {
            return;
        }
        List<ProcessHandle> tree = processTree(synchronizer);
        synchronizer = null;
        tree.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("the synchronizer did not exit within 60 s of SIGTERM; its log:\n" + logTail());
        }
        assertThat(log()).as("log of a stopped synchronizer").contains("synchronizer hello stopped");
    }

    /**
     * {@code sh -c command} in {@code dir}, without the XSYNC_* overrides of the environment the
     * build runs in (they would change the configuration the README's commands use).
     */
    private static ProcessBuilder shell(Path dir, String command) {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("XSYNC_"));
        return pb;
    }

    private static List<ProcessHandle> processTree(Process p) {
        return Stream.concat(p.descendants(), Stream.of(p.toHandle())).toList();
    }

    /** Polls {@code condition} until it holds (true) or {@link #CATCH_UP} passed (false). */
    private static boolean awaitTrue(Callable<Boolean> condition) {
        try {
            await().atMost(CATCH_UP).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(300)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private String log() {
        try {
            return synchronizerLog == null ? "" : Files.readString(synchronizerLog);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private String logTail() {
        String log = log();
        return log.length() <= 6000 ? log : "..." + log.substring(log.length() - 6000);
    }

    /** One {@code sh -c} run: exit code, standard output and standard error. */
    private record Shell(int exitCode, String out, String err) {
        static Shell run(Path dir, Path scratch, String command) throws IOException, InterruptedException {
            Path out = Files.createTempFile(scratch, "out", ".txt");
            Path err = Files.createTempFile(scratch, "err", ".txt");
            try {
                Process p = shell(dir, command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new AssertionError("`" + command + "` did not finish in 120 s");
                }
                return new Shell(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.delete(out);
                Files.delete(err);
            }
        }

        boolean ok() {
            return exitCode == 0;
        }
    }
}
