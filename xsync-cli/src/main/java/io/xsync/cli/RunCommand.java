package io.xsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code xsync run}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a synchronizer until SIGTERM.")
final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("TODO: xsync run");
    }
}
