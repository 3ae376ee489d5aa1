package io.xsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code xsync kafka}. */
@Command(name = "kafka", mixinStandardHelpOptions = true, description = "Runs the embedded Kafka broker standalone.")
final class KafkaCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("TODO: xsync kafka");
    }
}
