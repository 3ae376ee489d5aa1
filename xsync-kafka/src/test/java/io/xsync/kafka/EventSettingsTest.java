package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventSettingsTest {

    @Test
    void groupIdIsPerSynchronizerAndStep() {
        assertThat(EventSettings.defaults("vtn", "h:1").groupId("PortEventStep")).isEqualTo("xsync.vtn.PortEventStep");
    }

    @Test
    void deadLetterTopicDefaultsToTheSynchronizerName() {
        assertThat(EventSettings.defaults("vtn", "h:1").deadLetterTopic()).isEqualTo("vtn.dead-letter");
    }

    @Test
    void deadLetterTopicKafkaWouldRefuseIsAConfigError() {
        assertThatThrownBy(() -> io.xsync.runtime.config.XsyncConfig.parse(
                "name: vtn\nmodels_dir: m\nevents:\n  dead_letter_topic: \"dead letters!\"\n",
                java.nio.file.Path.of("/tmp/c/config.yaml")))
                .isInstanceOf(io.xsync.runtime.config.ConfigException.class)
                .hasMessageContaining("config.yaml:4: key 'events.dead_letter_topic' must be a legal Kafka topic name");
        io.xsync.runtime.config.XsyncConfig dots = io.xsync.runtime.config.XsyncConfig.parse(
                "name: vtn\nmodels_dir: m\nevents:\n  dead_letter_topic: \"..\"\n",
                java.nio.file.Path.of("/tmp/c/config.yaml"));
        assertThatThrownBy(() -> EventSettings.from(dots, "vtn", "h:1"))
                .isInstanceOf(io.xsync.runtime.config.ConfigException.class)
                .hasMessageContaining("config.yaml:4: key 'events.dead_letter_topic' gives '..'")
                .hasMessageContaining("not a legal Kafka topic name");
        assertThat(EventSettings.from(io.xsync.runtime.config.XsyncConfig.parse(
                "name: vtn\nmodels_dir: m\nevents:\n  dead_letter_topic: \"dlq.{name}_x\"\n",
                java.nio.file.Path.of("/tmp/c/config.yaml")), "vtn", "h:1").deadLetterTopic()).isEqualTo("dlq.vtn_x");
    }

    @Test
    void retryDelayDoublesUpToTheMaximum() {
        EventSettings s = EventSettings.defaults("x", "h:1").withRetry(10, Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(s.retryDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(s.retryDelay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(s.retryDelay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(s.retryDelay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.retryDelay(200)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void onFailureAcceptsOnlyKnownModes() {
        assertThat(EventSettings.FailureMode.parse("block")).isEqualTo(EventSettings.FailureMode.BLOCK);
        assertThat(EventSettings.FailureMode.parse("dead_letter")).isEqualTo(EventSettings.FailureMode.DEAD_LETTER);
        assertThatThrownBy(() -> io.xsync.runtime.config.XsyncConfig.parse(
                "name: vtn\nmodels_dir: m\nevents:\n  on_failure: ignore\n", java.nio.file.Path.of("/tmp/c/config.yaml")))
                .isInstanceOf(io.xsync.runtime.config.ConfigException.class)
                .hasMessage("/tmp/c/config.yaml:4: key 'events.on_failure' must be one of dead_letter, block, got 'ignore'");
    }

    @Test
    void recordsBecomeEventsWithHeadersAndTimestamp() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("source", "olt".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("t", 2, 42, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, 1, 5, "k".getBytes(StandardCharsets.UTF_8), "{\"a\":1}".getBytes(StandardCharsets.UTF_8), headers, java.util.Optional.empty());
        Event e = EventRunner.toEvent(r);
        assertThat(e.where()).isEqualTo("t-2@42");
        assertThat(e.keyText()).isEqualTo("k");
        assertThat(e.json().path("a").asInt()).isEqualTo(1);
        assertThat(e.header("source")).contains("olt");
        assertThat(e.timestamp()).hasValueSatisfying(ts -> assertThat(ts.toEpochMilli()).isEqualTo(1_700_000_000_000L));
    }
}
