package io.xsync.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Production code reads time only through {@link Time}: the system clock is called in
 * {@link SystemTime} alone, so that tests can run every engine on a {@link ManualTime}.
 */
class SystemClockUseTest {
    private static final Path REPO = Path.of("..");
    private static final Pattern SYSTEM_CLOCK = Pattern.compile(
            "\\b(Instant|OffsetDateTime|LocalDateTime|ZonedDateTime|LocalDate)\\.now\\(|System\\.nanoTime\\(\\)"
                    + "|System\\.currentTimeMillis\\(\\)|Clock\\.system(UTC|DefaultZone)\\(\\)");

    @Test
    void onlySystemTimeCallsTheSystemClock() throws IOException {
        List<String> calls = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPO)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java"))
                            .filter(f -> !f.getFileName().toString().equals("SystemTime.java"))
                            .forEach(f -> calls.addAll(systemClockCalls(f)));
                }
            }
        }
        assertThat(calls).as("calls of the system clock outside SystemTime (take a Time, or a Deadline)").isEmpty();
    }

    @Test
    void theScanFindsACallOfTheSystemClock() throws IOException {
        Path file = Files.createTempFile("Clocked", ".java");
        try {
            Files.writeString(file, "class Clocked {\n    long t = System.nanoTime();\n}\n");
            assertThat(systemClockCalls(file)).singleElement().asString().endsWith(":2: long t = System.nanoTime();");
        } finally {
            Files.delete(file);
        }
    }

    private static List<String> systemClockCalls(Path file) {
        List<String> found = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
                if (!comment && SYSTEM_CLOCK.matcher(line).find()) {
                    found.add(file.normalize() + ":" + (i + 1) + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
