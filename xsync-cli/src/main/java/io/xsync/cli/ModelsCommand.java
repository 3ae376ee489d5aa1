package io.xsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code xsync models}. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Lists, reads, creates, updates and deletes model objects.")
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("TODO: xsync models");
    }
}
