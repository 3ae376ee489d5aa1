package io.xsync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.util.Iterator;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies a config's {@code logging.*} keys to Logback (configured first by {@code logback.xml}):
 * root level, per-logger levels, and the JSON encoder when {@code logging.format} is {@code json}.
 *
 * <p>JSON lines come from logstash-logback-encoder: one object per line with {@code @timestamp}
 * (ISO-8601, UTC), {@code level}, {@code logger_name}, {@code thread_name}, the formatted
 * {@code message}, every MDC key ({@code step}, {@code model}, {@code object}, ...) as a field of
 * its own, {@code sync} (the synchronizer name) and {@code stack_trace} when there is one.
 */
final class LoggingSetup {
    /** Logger-context property carrying the synchronizer name (shown by {@link MdcConverter}). */
    static final String SYNC_PROPERTY = "sync";

    private LoggingSetup() {
    }

    /** Routes java.util.logging through SLF4J; call once at startup. */
    static void bridgeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /**
     * For one-shot tools ({@code validate}, {@code models}): only warnings and errors reach stderr,
     * so that stdout/stderr carry the command's own output.
     */
    static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    /**
     * {@link #quiet()}, and the config reader's own warning log off: {@code validate} prints every
     * config and schema warning itself, once.
     */
    static void quietForValidate() {
        quiet();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
            ((LoggerContext) LoggerFactory.getILoggerFactory())
                    .getLogger(XsyncConfig.class).setLevel(Level.ERROR);
        }
    }

    /** Applies {@code logging.level}, {@code logging.loggers}, {@code logging.format} and the name. */
    static void apply(XsyncConfig config) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
            apply(config, (LoggerContext) LoggerFactory.getILoggerFactory());
        }
    }

    /** As {@link #apply(XsyncConfig)}, on a given logger context. */
    static void apply(XsyncConfig config, LoggerContext ctx) {
        String name = config.get(ConfigKeys.NAME);
        ctx.putProperty(SYNC_PROPERTY, name);
        try {
            ctx.setName(name); // shows as context.name in JSON lines
        } catch (IllegalStateException alreadyNamed) {
            // a context is named once; the property above still carries the name
        }
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.get(ConfigKeys.LOGGING_LEVEL), Level.INFO));
        for (Map.Entry<String, Object> e : config.get(ConfigKeys.LOGGING_LOGGERS).entrySet()) {
            ctx.getLogger(e.getKey()).setLevel(Level.toLevel(String.valueOf(e.getValue()), Level.INFO));
        }
        if ("json".equals(config.get(ConfigKeys.LOGGING_FORMAT))) {
            useJson(ctx, root);
        }
    }

    private static void useJson(LoggerContext ctx, Logger root) {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender instanceof OutputStreamAppender) {
                OutputStreamAppender<ILoggingEvent> out = (OutputStreamAppender<ILoggingEvent>) appender;
                LogstashEncoder json = new LogstashEncoder();
                json.setContext(ctx);
                json.setTimeZone("UTC");
                json.start();
                // Swapped in place (stopping would close the console stream); happens at startup.
                out.setEncoder(json);
            }
        }
    }
}
