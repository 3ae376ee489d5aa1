package io.xsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code xsync send}. */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Sends events to a Kafka topic.")
final class SendCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("TODO: xsync send");
    }
}
