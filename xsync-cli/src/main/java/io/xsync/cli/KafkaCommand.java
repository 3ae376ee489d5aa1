package io.xsync.cli;

import io.xsync.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xsync kafka [--port P] [--data-dir D]}: runs the embedded broker until interrupted. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Runs the embedded single-node Kafka broker (KRaft) standalone, until Ctrl-C.")
final class KafkaCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, paramLabel = "P", defaultValue = "9092",
            description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "D", defaultValue = "data/kafka",
            description = "Directory of the broker's log (default: ${DEFAULT-VALUE}); kept across restarts.")
    Path dataDir;

    @Override
    public Integer call() {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.toAbsolutePath(), port);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "xsync-kafka-stop"));
        System.out.println("Kafka broker listening on " + kafka.bootstrapServers() + " (data "
                + kafka.dataDir() + "); Ctrl-C stops it");
        System.out.flush();
        kafka.awaitShutdown();
        return 0;
    }
}
