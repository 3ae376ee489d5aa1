package io.xsync.test;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** This module's tests have no logback-test.xml, so the kit's default is what they log with. */
class QuietLoggingTest {

    @Test
    void withoutALogbackFileTestsLogWarningsOnlyXsyncIncluded() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger("io.xsync.runtime.Synchronizer").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.example.MyStep").getEffectiveLevel()).isEqualTo(Level.WARN);
    }
}
