package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageErrorTest {

    @Test
    void misspelledCommandIsOnePrefixedLineWithSuggestion() {
        CliRun run = CliRun.of("vaildate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "xsync: Unmatched argument at index 0: 'vaildate' (did you mean validate or status?);"
                        + " see 'xsync --help'");
    }

    @Test
    void missingParametersNameTheSubcommandHelp() {
        CliRun run = CliRun.of("models", "get");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("xsync: Missing required parameters: 'MODEL', 'ID'")
                .contains("see 'xsync models get --help'");
    }
}
