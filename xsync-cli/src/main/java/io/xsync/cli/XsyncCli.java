package io.xsync.cli;

import io.xsync.runtime.internal.XsyncVersion;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code bin/xsync}. Errors print one line {@code xsync: <message>} on stderr and
 * exit 1; usage errors exit 2.
 */
@Command(name = "xsync", mixinStandardHelpOptions = true, versionProvider = XsyncCli.Version.class,
        description = "Runs and inspects xsync synchronizers.",
        subcommands = {InitCommand.class, RunCommand.class, ValidateCommand.class, DepsCommand.class,
                ModelsCommand.class, SendCommand.class, KafkaCommand.class, StatusCommand.class, DltCommand.class,
                GenerateCommand.class})
public final class XsyncCli {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the stack trace after the one-line error.")
    boolean verbose;

    /** {@code xsync -V}: the version the build stamped. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"xsync " + XsyncVersion.get()};
        }
    }

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
            LoggerFactory.getLogger(XsyncCli.class).debug("command failed", e);
            commandLine.getErr().println("xsync: " + message(e));
            if (verbose(parseResult)) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        cl.setParameterExceptionHandler((e, args) -> usageError(e));
        return cl;
    }

    /** Whether {@code --verbose} was given to the command or any of its parents. */
    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** {@code xsync: <problem> (did you mean ...?); see 'xsync cmd --help'} on one line, exit 2. */
    private static int usageError(ParameterException e) {
        CommandLine c = e.getCommandLine();
        List<String> suggestions = e instanceof UnmatchedArgumentException
                ? ((UnmatchedArgumentException) e).getSuggestions() : List.of();
        String hint = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
        c.getErr().println("xsync: " + firstLine(e.getMessage()) + hint
                + "; see '" + c.getCommandSpec().qualifiedName() + " --help'");
        c.getErr().flush();
        return 2;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }

    /** The exception's message, or its type when it has none. */
    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }
}
