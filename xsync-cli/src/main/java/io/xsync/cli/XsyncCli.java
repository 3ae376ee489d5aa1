package io.xsync.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/xsync}. Errors print one line {@code xsync: <message>} on stderr and
 * exit 1; usage errors exit 2.
 */
@Command(name = "xsync", mixinStandardHelpOptions = true, version = "xsync 0.1.0",
        description = "Runs and inspects xsync synchronizers.",
        subcommands = {RunCommand.class, ValidateCommand.class, DepsCommand.class, ModelsCommand.class,
                SendCommand.class, KafkaCommand.class, StatusCommand.class})
public final class XsyncCli {

    public static void main(String[] args) {
        LoggingSetup.bridgeJul();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line writing to {@code out} and {@code err} instead of the console (tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new XsyncCli());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("xsync: " + message(e));
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** The exception's message, or its type when it has none. */
    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }
}
