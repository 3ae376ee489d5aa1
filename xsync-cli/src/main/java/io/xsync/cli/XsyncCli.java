package io.xsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/xsync}. */
@Command(name = "xsync", mixinStandardHelpOptions = true, version = "xsync 0.1.0",
        description = "Runs and inspects xsync synchronizers.",
        subcommands = {RunCommand.class, ValidateCommand.class, DepsCommand.class, ModelsCommand.class,
                SendCommand.class, KafkaCommand.class, StatusCommand.class})
public final class XsyncCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        return new CommandLine(new XsyncCli()).execute(args);
    }
}
