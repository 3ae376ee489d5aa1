package io.xsync.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a config's {@code logging.level} (the root) and {@code logging.loggers} when the
 * runtime's {@link DefaultLogging} is in effect; with a Logback file of the application's own, or
 * without Logback, it does nothing (the command line applies the keys itself).
 */
public final class LogLevels {
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private LogLevels() {
    }

    /** Applies the config's levels if xsync's default logging configuration is in effect. */
    public static void apply(XsyncConfig config) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory.getClass().getName().equals(LOGBACK_CONTEXT)) {
            Logback.apply(config, factory);
        }
    }

    /** Touches Logback classes only when Logback is there. */
    static final class Logback {
        private Logback() {
        }

        static void apply(XsyncConfig config, Object factory) {
            LoggerContext ctx = (LoggerContext) factory;
            if (ctx.getProperty(DefaultLogging.IN_EFFECT) == null) {
                return;
            }
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(config.get(ConfigKeys.LOGGING_LEVEL), Level.INFO));
            for (Map.Entry<String, Object> e : config.get(ConfigKeys.LOGGING_LOGGERS).entrySet()) {
                ctx.getLogger(e.getKey()).setLevel(Level.toLevel(String.valueOf(e.getValue()), Level.INFO));
            }
        }
    }
}
