package io.xsync.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import io.xsync.runtime.config.XsyncConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultLoggingTest {
    @TempDir
    Path dir;

    @Test
    void withoutALogbackFileXsyncLogsInfoAndKafkaAndJettyOnlyWarnings() {
        LoggerContext ctx = new LoggerContext();
        ExecutionStatus status = new DefaultLogging(new URLClassLoader(new URL[0], null)).configure(ctx);

        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(ctx.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(ctx.getLogger("io.xsync.runtime.sync.SyncEngine").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(ctx.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(ctx.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNotNull();
    }

    @Test
    void anApplicationsLogbackFileWins() throws Exception {
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        LoggerContext ctx = new LoggerContext();
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(new DefaultLogging(cl).configure(ctx)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        }
        assertThat(ctx.getLogger("org.apache.kafka").getLevel()).isNull();
        assertThat(ctx.getProperty(DefaultLogging.IN_EFFECT)).isNull();
    }

    @Test
    void theConfigsLoggingKeysOverrideTheDefault() {
        LoggerContext ctx = new LoggerContext();
        new DefaultLogging(new URLClassLoader(new URL[0], null)).configure(ctx);
        XsyncConfig config = XsyncConfig.parse("name: t\nmodels_dir: models\nlogging:\n  level: WARN\n"
                + "  loggers:\n    org.apache.kafka: DEBUG\n", dir.resolve("config.yaml"));

        LogLevels.Logback.apply(config, ctx);

        assertThat(ctx.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(ctx.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(ctx.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer").getEffectiveLevel())
                .isEqualTo(Level.DEBUG);
    }

    @Test
    void theConfigsLoggingKeysLeaveAnApplicationsOwnConfigurationAlone() {
        LoggerContext ctx = new LoggerContext();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
        XsyncConfig config = XsyncConfig.parse("name: t\nmodels_dir: models\nlogging:\n  level: DEBUG\n",
                dir.resolve("config.yaml"));

        LogLevels.Logback.apply(config, ctx);

        assertThat(ctx.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.ERROR);
    }
}
