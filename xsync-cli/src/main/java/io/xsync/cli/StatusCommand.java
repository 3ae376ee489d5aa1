package io.xsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code xsync status}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Prints the synchronizer's status summary.")
final class StatusCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("TODO: xsync status");
    }
}
