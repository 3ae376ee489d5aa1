package io.xsync.cli;

import io.xsync.runtime.config.XsyncConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xsync send TOPIC [--key K] [VALUE | -]}: sends one value, or one event per line of
 * standard input, and waits until the broker acknowledged each. Exits 1 if any send failed.
 */
@Command(name = "send", mixinStandardHelpOptions = true, description = {
        "Sends events to a Kafka topic: VALUE, or one event per line of standard input ('-' or no VALUE).",
        "Example: xsync send MyTopic --bootstrap 127.0.0.1:9092 '{\"first_name\":\"John\",\"last_name\":\"Doe\"}'"})
final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to send to.")
    String topic;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The event value; '-' or none reads lines from stdin.")
    String value;

    @Option(names = {"-k", "--key"}, paramLabel = "K", description = "Key of every event sent (default: none).")
    String key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
        String bootstrap;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                description = "Synchronizer config: uses its event_bus endpoint and properties.")
        Path config;
    }

    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> props = producerProperties();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            if (value != null && !value.equals("-")) {
                send(producer, value, sent, failed, err);
            } else {
                BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        send(producer, line, sent, failed, err);
                    }
                }
            }
            producer.flush();
        }
        out.printf("sent %d event(s) to %s%s%n", sent.get(), topic,
                failed.get() > 0 ? ", " + failed.get() + " failed" : "");
        out.flush();
        return failed.get() > 0 ? 1 : 0;
    }

    private void send(KafkaProducer<String, String> producer, String v, AtomicInteger sent, AtomicInteger failed,
                      PrintWriter err) {
        producer.send(new ProducerRecord<>(topic, key, v), (meta, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                synchronized (err) {
                    err.println("xsync send: cannot send to " + topic + ": " + error.getMessage());
                    err.flush();
                }
            }
        });
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        if (target.config != null) {
            XsyncConfig config = XsyncConfig.load(target.config);
            p.putAll(EventBusTarget.clientProperties(config));
            p.keySet().retainAll(ProducerConfig.configNames());
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EventBusTarget.bootstrap(config));
        } else {
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrap);
        }
        return p;
    }
}
