package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.OffsetTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A frozen broker (its JVM stopped with SIGSTOP: connections stay open, nothing answers) is
 * visible: readiness false naming Kafka, one outage warning per interval, lag unknown rather
 * than 0; after SIGCONT the engine is ready again and every event is stored once.
 */
class FrozenBrokerIT {
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(2);

    @Test
    void aFrozenBrokerMakesTheEngineUnreadyWithUnknownLagAndOneWarningPerInterval() throws Exception {
        Process broker = startBroker();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger probeLog = (Logger) LoggerFactory.getLogger(BrokerProbe.class);
        lines.start();
        probeLog.addAppender(lines);
        try (JdbcStore store = TestDb.open(TestDb.h2(), 4)) {
            String bootstrap = bootstrap(broker);
            String topic = "frozen";
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    java.util.Map.of("bootstrap.servers", bootstrap))) {
                EmbeddedKafka.createTopic(admin, topic, 2);
            }
            TestDb.exec(store, RecordingStep.TABLE_DDL);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            EventSettings settings = EventSettings.defaults("frozen", bootstrap).withOutageLogInterval(LOG_INTERVAL);
            KafkaEventEngine engine = new KafkaEventEngine(List.of(new RecordingStep("Frozen", List.of(topic), null,
                    store)), store, settings, registry);
            engine.start();
            try {
                TestEvents.send(bootstrap, topic, events("a", 100));
                await().atMost(Duration.ofSeconds(60)).until(() -> engine.ready() && lag(engine) != null
                        && lag(engine) == 0 && rows(store) == 100);

                signal(broker, "STOP");
                await().atMost(Duration.ofSeconds(60)).until(() -> !engine.ready());
                assertThat(engine.detail()).startsWith("Kafka at " + bootstrap + " unreachable");
                await().atMost(Duration.ofSeconds(60)).until(() -> warnings(lines).size() >= 2);
                assertThat(lag(engine)).as("lag while frozen").isNull();
                assertThat(registry.get("xsync.events.lag").tag("step", "Frozen").gauge().value()).isNaN();
                List<ILoggingEvent> warned = warnings(lines);
                assertThat(warned.get(1).getTimeStamp() - warned.get(0).getTimeStamp())
                        .as("one warning per interval").isGreaterThanOrEqualTo(LOG_INTERVAL.toMillis());
                assertThat(warned.get(0).getFormattedMessage()).contains("Kafka at " + bootstrap);

                signal(broker, "CONT");
                await().atMost(Duration.ofSeconds(60)).until(engine::ready);
                TestEvents.send(bootstrap, topic, events("b", 100));
                await().atMost(Duration.ofSeconds(60)).until(() -> offsetsStored(store) == 200);
                assertThat(rows(store)).isEqualTo(200);
                assertThat(warningsAndInfo(lines)).anyMatch(e -> e.getFormattedMessage().contains("answers again"));
            } finally {
                engine.stop(Duration.ofSeconds(10));
            }
        } finally {
            probeLog.detachAppender(lines);
            signal(broker, "CONT");
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startBroker() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BrokerChild.class.getName()).redirectErrorStream(true).start();
    }

    /** Reads the child's output until it says where it listens (its other output is discarded). */
    private static String bootstrap(Process broker) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(BrokerChild.READY)) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "frozen-broker-output");
                drain.setDaemon(true);
                drain.start();
                return line.substring(BrokerChild.READY.length()).trim();
            }
        }
        throw new IllegalStateException("broker child exited with " + broker.waitFor());
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    private static List<ILoggingEvent> warnings(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) { // the appender appends while holding its own lock
            return new ArrayList<>(lines.list.stream()
                    .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).toList());
        }
    }

    private static List<ILoggingEvent> warningsAndInfo(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) {
            return new ArrayList<>(lines.list);
        }
    }

    private static Long lag(KafkaEventEngine engine) {
        return (Long) engine.stepStatus().get(0).values().get("lag");
    }

    private static List<String[]> events(String prefix, int n) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new String[] {"k" + (i % 7), prefix + i});
        }
        return out;
    }

    private static long rows(JdbcStore store) throws Exception {
        return TestDb.queryLong(store, "SELECT COUNT(*) FROM seen");
    }

    private static long offsetsStored(JdbcStore store) throws Exception {
        return TestDb.queryLong(store, "SELECT COALESCE(SUM(\"next_offset\"), 0) FROM \"" + OffsetTable.TABLE + "\"");
    }
}
