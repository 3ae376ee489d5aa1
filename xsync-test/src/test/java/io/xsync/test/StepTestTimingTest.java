package io.xsync.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * How long one whole step test takes (start, one event, one assertion, close), printed rather than
 * asserted: the first start in a JVM compiles the step directories, later ones reuse what they
 * compiled to.
 */
class StepTestTimingTest {

    @Test
    void aWholeStepTestRunsAnEventIntoAnObjectEachTime() {
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            try (TestSynchronizer sync = TestSynchronizer.start(Path.of("../examples/hello/config.yaml"))) {
                sync.event("MyTopic", "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}");
                assertThat(sync.model("MyModel").all()).hasSize(1);
            }
            System.out.printf("step test %d (start, event, assert, close): %d ms%n", run,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
