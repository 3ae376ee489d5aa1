package io.xsync.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The logging an application embedding xsync gets when it brings Logback but no configuration of
 * its own ({@code logback-test.xml}, {@code logback.xml} or {@code -Dlogback.configurationFile}):
 * text lines on stderr, INFO for xsync and the root, WARN for Kafka and Jetty, less for the
 * embedded broker's and the connection pool's housekeeping. The synchronizer config's
 * {@code logging.level} and {@code logging.loggers} then apply on top (see {@link LogLevels}).
 * Found by Logback through {@code META-INF/services}; a Logback file always wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    /** Logger-context property set when this default is in effect. */
    public static final String IN_EFFECT = "xsync.default-logging";

    /** Logger levels of the default, besides the root's INFO. */
    static final Map<String, Level> LEVELS = Map.ofEntries(
            Map.entry("io.xsync", Level.INFO),
            Map.entry("org.apache.kafka", Level.WARN),
            Map.entry("kafka", Level.WARN),
            Map.entry("state.change.logger", Level.WARN),
            Map.entry("org.apache.kafka.controller", Level.ERROR),
            Map.entry("org.apache.kafka.server", Level.ERROR),
            Map.entry("org.apache.kafka.raft", Level.ERROR),
            Map.entry("org.apache.kafka.metadata", Level.ERROR),
            Map.entry("org.apache.kafka.storage", Level.ERROR),
            Map.entry("org.apache.kafka.image", Level.ERROR),
            Map.entry("org.apache.kafka.clients.NetworkClient", Level.ERROR),
            Map.entry("org.eclipse.jetty", Level.WARN),
            Map.entry("org.h2", Level.WARN),
            Map.entry("h2database", Level.WARN),
            Map.entry("com.zaxxer.hikari", Level.WARN));

    private final ClassLoader resources;

    /** Looks for the application's Logback files with the thread's context class loader. */
    public DefaultLogging() {
        this(Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : DefaultLogging.class.getClassLoader());
    }

    /** Looks for the application's Logback files in {@code resources} (tests). */
    DefaultLogging(ClassLoader resources) {
        this.resources = resources;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader cl = resources;
        if (System.getProperty("logback.configurationFile") != null || cl.getResource("logback-test.xml") != null
                || cl.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        context.putProperty(IN_EFFECT, "true");
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
