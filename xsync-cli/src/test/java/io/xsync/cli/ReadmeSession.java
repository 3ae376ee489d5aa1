package io.xsync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell sessions of one README section: every {@code ```sh} block between the section's
 * heading and the next heading of the same level. In a block, {@code $ command} is a command, the
 * lines after it its standard output, and {@code # log: line} a line the running synchronizer
 * logs meanwhile. A block holds nothing else.
 */
record ReadmeSession(List<Block> blocks) {
    private static final String PROMPT = "$ ";
    private static final String LOG = "# log: ";

    /** One fenced block. */
    record Block(int line, List<Step> steps) {
        boolean startsASynchronizer() {
            return steps.stream().anyMatch(s -> s instanceof Command c && c.isRun());
        }
    }

    /** A README step, with the README line it comes from. */
    sealed interface Step permits Command, LogLine {
        int line();
    }

    /** {@code $ text} and the output shown below it. */
    record Command(int line, String text, List<String> output) implements Step {
        /** {@code bin/xsync run ...}: runs until stopped, in its own terminal. */
        boolean isRun() {
            return text.startsWith("bin/xsync run ");
        }

        /** Commands that only look, so they may be repeated until the synchronizer caught up. */
        boolean onlyReads() {
            return text.matches("(ls|cat) .*|bin/xsync (validate|status|deps|models (list|get)) .*");
        }
    }

    /** {@code # log: text}: a line the synchronizer logs. */
    record LogLine(int line, String text) implements Step {
    }

    /** The sessions of the section that starts with the line {@code heading} in {@code readme}. */
    static ReadmeSession parse(Path readme, String heading) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new IllegalArgumentException(readme + " has no line '" + heading + "'");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        List<Block> blocks = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith(level); i++) {
            if (lines.get(i).equals("```sh")) {
                int end = i + 1;
                while (!lines.get(end).equals("```")) {
                    end++;
                }
                blocks.add(block(readme, lines, i + 1, end));
                i = end;
            }
        }
        return new ReadmeSession(blocks);
    }

    private static Block block(Path readme, List<String> lines, int from, int to) {
        List<Step> steps = new ArrayList<>();
        Command command = null;
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (line.startsWith(PROMPT)) {
                command = new Command(lineNo, line.substring(PROMPT.length()), new ArrayList<>());
                steps.add(command);
            } else if (line.startsWith(LOG)) {
                steps.add(new LogLine(lineNo, line.substring(LOG.length())));
                command = null;
            } else if (command != null) {
                command.output().add(line);
            } else {
                throw new IllegalArgumentException(readme + ":" + lineNo
                        + ": a session block starts with '$ command', not '" + line + "'");
            }
        }
        return new Block(from, List.copyOf(steps));
    }
}
