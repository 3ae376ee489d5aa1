package io.xsync.cli;

import io.xsync.kafka.DeadLetterTopic;
import io.xsync.kafka.DeadLetterTopic.Letter;
import io.xsync.kafka.EventSettings;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.internal.TerminalText;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xsync dlt list|show|replay}: the synchronizer's dead-letter topic
 * ({@code events.dead_letter_topic}) for operators. Dead letters are named {@code PARTITION@OFFSET}.
 */
@Command(name = "dlt", mixinStandardHelpOptions = true,
        description = "Lists, shows and replays the events in the dead-letter topic.",
        subcommands = {DltCommand.ListLetters.class, DltCommand.Show.class, DltCommand.Replay.class})
final class DltCommand {

    /** The part every subcommand shares: config, topic, printing. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        DeadLetterTopic open() {
            LoggingSetup.quiet();
            XsyncConfig cfg = config.load();
            String bootstrap = EventBusTarget.bootstrap(cfg);
            String topic = EventSettings.from(cfg, cfg.get(ConfigKeys.NAME), bootstrap).deadLetterTopic();
            return new DeadLetterTopic(bootstrap, EventBusTarget.clientProperties(cfg), topic);
        }

        Letter find(DeadLetterTopic dlt, String id) {
            int at = id.indexOf('@');
            try {
                int partition = at < 0 ? 0 : Integer.parseInt(id.substring(0, at));
                long offset = Long.parseLong(id.substring(at + 1));
                return dlt.get(partition, offset).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "no dead letter " + id + " in " + dlt.topic() + " (see xsync dlt list)"));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "a dead letter is named PARTITION@OFFSET, e.g. 0@12; got '"
                        + id + "'");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the latest dead letters, oldest first.")
    static final class ListLetters extends Base {
        @Option(names = "--limit", defaultValue = "50", paramLabel = "N",
                description = "How many of the latest to list (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            try (DeadLetterTopic dlt = open()) {
                List<Letter> letters = dlt.list(limit);
                if (letters.isEmpty()) {
                    out().println("no dead letters in " + dlt.topic());
                } else {
                    print(letters);
                }
                out().flush();
                return 0;
            }
        }

        private void print(List<Letter> letters) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "FAILED AT", "STEP", "FROM", "ATTEMPTS", "ERROR"));
            for (Letter l : letters) {
                rows.add(List.of(l.id(), l.info("failed.at"), l.info("step"), from(l), l.info("attempts"),
                        shorten(error(l), 100)).stream().map(TerminalText::escape).toList());
            }
            TextTable.print(out(), rows);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints one dead letter: what failed, the original event and the stack trace.")
    static final class Show extends Base {
        @Parameters(paramLabel = "ID", description = "PARTITION@OFFSET in the dead-letter topic, e.g. 0@12.")
        String id;

        @Override
        public Integer call() {
            try (DeadLetterTopic dlt = open()) {
                Letter l = find(dlt, id);
                PrintWriter out = out();
                out.println("dead letter " + dlt.topic() + "-" + l.id());
                line(out, "failed at", l.info("failed.at"));
                line(out, "step", l.info("step"));
                line(out, "from", from(l));
                line(out, "attempts", l.info("attempts"));
                line(out, "error", error(l));
                line(out, "key", l.key() == null ? "(none)" : new String(l.key(), StandardCharsets.UTF_8));
                line(out, "value", l.valueText());
                line(out, "headers", l.originalHeaders().stream().map(DltCommand::header)
                        .collect(Collectors.joining(", ")));
                out.println("stack trace:");
                l.info("exception.stacktrace").lines().forEach(s -> out.println("  " + TerminalText.escape(s)));
                out.flush();
                return 0;
            }
        }

        private static void line(PrintWriter out, String name, String value) {
            out.printf("%-11s %s%n", name + ":", TerminalText.escape(value));
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Sends dead letters back to the topic they came from (with header xsync.replayed.from).",
                    "Fix the cause first: a replayed event that fails again is dead-lettered again."})
    static final class Replay extends Base {
        @Parameters(paramLabel = "ID", arity = "0..*", description = "PARTITION@OFFSET of each dead letter to replay.")
        List<String> ids = new ArrayList<>();

        @Option(names = "--all", description = "Replay every dead letter in the topic.")
        boolean all;

        @Override
        public Integer call() {
            if (all == !ids.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give either dead-letter IDs or --all");
            }
            try (DeadLetterTopic dlt = open()) {
                List<Letter> letters = new ArrayList<>();
                if (all) {
                    letters.addAll(dlt.list(Integer.MAX_VALUE));
                } else {
                    ids.forEach(id -> letters.add(find(dlt, id)));
                }
                for (Letter l : letters) {
                    dlt.replay(l);
                    out().println("replayed " + l.id() + " to " + TerminalText.escape(l.info("original.topic")));
                }
                out().println("replayed " + letters.size() + " dead letter(s) from " + dlt.topic());
                out().flush();
                return 0;
            }
        }
    }

    private static String from(Letter l) {
        return l.info("original.topic") + "-" + l.info("original.partition") + "@" + l.info("original.offset");
    }

    private static String error(Letter l) {
        String cls = l.info("exception.class");
        return cls.substring(cls.lastIndexOf('.') + 1) + ": " + l.info("exception.message");
    }

    private static String header(Header h) {
        return h.key() + "=" + (h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }

    private static String shorten(String text, int max) {
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }
}
