package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.kafka.EmbeddedKafka;
import io.xsync.kafka.SharedBroker;
import io.xsync.kafka.TestEvents;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code xsync send} against the embedded broker. */
class SendCommandIT {
    private final EmbeddedKafka kafka = SharedBroker.get();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        SendCommand command = new SendCommand();
        if (stdin != null) {
            command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void sendsOneValueWithAKey() {
        String topic = SharedBroker.uniqueTopic("send-one");
        kafka.createTopic(topic, 1);
        int code = run(null, topic, "--key", "john", "--bootstrap", kafka.bootstrapServers(),
                "{\"first_name\":\"John\",\"last_name\":\"Doe\"}");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("sent 1 event(s) to " + topic);
        List<ConsumerRecord<byte[], byte[]>> got = TestEvents.readAll(kafka.bootstrapServers(), topic);
        assertThat(got).hasSize(1);
        assertThat(new String(got.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("john");
        assertThat(new String(got.get(0).value(), StandardCharsets.UTF_8)).contains("\"John\"");
    }

    @Test
    void sendsOneEventPerLineOfStandardInput() {
        String topic = SharedBroker.uniqueTopic("send-lines");
        kafka.createTopic(topic, 1);
        int code = run("a\nb\n\nc\n", topic, "-", "--bootstrap", kafka.bootstrapServers());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("sent 3 event(s)");
        List<ConsumerRecord<byte[], byte[]>> got = TestEvents.readAll(kafka.bootstrapServers(), topic);
        assertThat(got).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("a", "b", "c");
    }

    @Test
    void anUnreachableBrokerIsReportedWithANonZeroExit() {
        int code = run(null, "nowhere", "--bootstrap", "127.0.0.1:" + EmbeddedKafka.freePort(), "x");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot send to nowhere");
    }

    @Test
    void withoutBootstrapOrConfigItIsAUsageError() {
        assertThat(run(null, "t", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap");
    }
}
