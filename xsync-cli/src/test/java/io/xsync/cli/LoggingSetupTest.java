package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.runtime.config.XsyncConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LoggingSetupTest {
    private final LoggerContext ctx = new LoggerContext();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Logger rootWithTextAppender() {
        ctx.setMDCAdapter(MDC.getMDCAdapter());
        ctx.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%level %logger%xmdc - %msg%n");
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) ctx.getObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new java.util.HashMap<>();
            ctx.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("xmdc", MdcConverter.class.getName());
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return root;
    }

    private static XsyncConfig config(String extra) {
        return XsyncConfig.parse("name: hello\nmodels_dir: models\n" + extra, Path.of("config.yaml"));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void levelsFromConfigAreApplied() {
        Logger root = rootWithTextAppender();
        LoggingSetup.apply(config("logging:\n  level: WARN\n  loggers:\n    io.xsync.kafka: DEBUG\n"), ctx);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(ctx.getLogger("io.xsync.kafka").getLevel()).isEqualTo(Level.DEBUG);
        ctx.getLogger("io.xsync.other").info("hidden");
        ctx.getLogger("io.xsync.kafka.Engine").debug("shown");
        assertThat(output()).doesNotContain("hidden").contains("DEBUG io.xsync.kafka.Engine [sync=hello] - shown");
    }

    @Test
    void textFormatShowsMdcKeysInOrder() {
        rootWithTextAppender();
        LoggingSetup.apply(config(""), ctx);
        MDC.put("object", "7");
        MDC.put("step", "SyncSite");
        MDC.put("model", "Site");
        try {
            ctx.getLogger("x").info("synced");
        } finally {
            MDC.clear();
        }
        assertThat(output()).isEqualTo("INFO x [sync=hello step=SyncSite model=Site object=7] - synced\n");
    }

    @Test
    void jsonFormatWritesOneObjectPerLineWithFormattedMessageIsoTimeAndMdcFields() throws Exception {
        rootWithTextAppender();
        LoggingSetup.apply(config("logging:\n  format: json\n"), ctx);
        MDC.put("topic", "MyTopic");
        try {
            ctx.getLogger("io.xsync.kafka").info("got event {} of {}", 3, "MyTopic");
        } finally {
            MDC.clear();
        }
        String[] lines = output().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("got event 3 of MyTopic");
        assertThat(json.get("topic").asText()).isEqualTo("MyTopic");
        assertThat(json.get("sync").asText()).isEqualTo("hello");
        assertThat(json.get("logger_name").asText()).isEqualTo("io.xsync.kafka");
        String time = json.get("@timestamp").asText();
        assertThat(OffsetDateTime.parse(time).getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void jsonFormatCarriesTheStackTraceAsOneField() throws Exception {
        rootWithTextAppender();
        LoggingSetup.apply(config("logging:\n  format: json\n"), ctx);
        ctx.getLogger("x").warn("step failed", new IllegalStateException("boom"));
        String[] lines = output().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertThat(json.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: boom");
    }

}
