package io.xsync.runtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.schema.XprotoException;
import io.xsync.runtime.schema.XprotoLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property test: random mutations of valid xproto files either load or fail with the reader's own
 * exception whose message starts with the position (never another exception, never a hang). The
 * seed is printed; rerun one with {@code -Dxsync.fuzz.seed=N}. Config files are fuzzed by the CLI
 * module's {@code ConfigFuzzTest}, where every module's keys are known.
 */
class ParserFuzzTest {
    private static final int CASES = 3000;
    private static final Pattern XPROTO_POSITION = Pattern.compile("^fuzz\\.xproto:\\d+:\\d+: .*", Pattern.DOTALL);
    private static final List<String> XPROTO_FRAGMENTS = List.of("message ", "{", "}", "(", ")", "=", ";", "[",
            "]", "->", ":", "::", "/", "option ", "required ", "optional ", "manytoone ", "manytomany ",
            "onetoone ", "string ", "int32 ", "bool ", "policy ", "<", ">", "\"", "/*", "*/", "//", "enum ",
            "repeated ", "extensions 1 to max;", "service ", "rpc ", ",", "True", "None", "x", "1", "-1",
            "default = ", "choices = \"((1, 'a'),)\"", "max_length = ", "unique_with = \"", "package a.b;",
            "import \"f.xproto\";", "0x", "message M (M) {}");
    @Test
    void mutatedXprotoLoadsOrFailsWithAPositionedXprotoException() throws Exception {
        long seed = Mutator.seed("ParserFuzzTest.xproto");
        String valid = Files.readString(resource("xproto/core/00-base.xproto")) + "\n"
                + Files.readString(resource("xproto/core/10-core.xproto")) + "\n"
                + Files.readString(resource("xproto/core/20-services.xproto"));
        XprotoLoader.loadText("fuzz.xproto", valid);
        Mutator mutator = new Mutator(seed, XPROTO_FRAGMENTS);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < CASES && wrong.size() < 5; i++) {
            String text = mutator.mutate(valid);
            try {
                XprotoLoader.loadText("fuzz.xproto", text);
            } catch (XprotoException e) {
                if (!XPROTO_POSITION.matcher(e.getMessage()).matches()) {
                    wrong.add("case " + i + ": message without position: " + e.getMessage());
                }
            } catch (RuntimeException | StackOverflowError e) {
                wrong.add("case " + i + ": " + e + " at " + e.getStackTrace()[0]);
            }
        }
        assertThat(wrong).as("seed %d", seed).isEmpty();
    }

    private static Path resource(String name) throws Exception {
        return Path.of(ParserFuzzTest.class.getResource("/" + name).toURI());
    }
}
