package io.xsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code xsync deps}. */
@Command(name = "deps", mixinStandardHelpOptions = true, description = "Prints the dependency graph derived from a models directory.")
final class DepsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("TODO: xsync deps");
    }
}
