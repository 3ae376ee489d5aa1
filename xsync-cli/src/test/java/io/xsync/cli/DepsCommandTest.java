package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepsCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void printsTheDerivedGraph() throws Exception {
        Files.writeString(dir.resolve("a.xproto"), "message Site {}\n"
                + "message Slice (XOSBase, Mixin) { required manytoone site->Site:slices = 1:100; }\n");
        int code = XsyncCli.execute("deps", "--models", dir.toString());
        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.toString()).isEqualTo("{\"Site\":[],\"Slice\":[[\"Site\",\"site\",\"slices\"]]}");
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("xsync: warning: " + dir.resolve("a.xproto")
                + ":2:25: parent 'Mixin'");
    }

    @Test
    void aParseErrorIsOneLineOnStderrAndExitCode2() throws Exception {
        Path file = Files.writeString(dir.resolve("a.xproto"), "message Site {\n  required string name = 1\n}\n");
        int code = XsyncCli.execute("deps", "--models", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("xsync: " + file
                + ":3:1: expected ';' after field number, found '}'" + System.lineSeparator());
    }
}
