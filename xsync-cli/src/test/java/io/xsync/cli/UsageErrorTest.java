package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageErrorTest {

    @Test
    void misspelledCommandIsOnePrefixedLineWithSuggestion() {
        CliRun run = CliRun.of("vaildate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "xsync: Unmatched argument at index 0: 'vaildate' (did you mean validate or generate or status?);"
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

    @Test
    void failuresAreOneLineAndVerboseAddsTheStackTrace() {
        CliRun quiet = CliRun.of("validate", "--config", "/nonexistent/config.yaml");
        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.errLines()).containsExactly("xsync: /nonexistent/config.yaml: config file does not exist");
        CliRun verbose = CliRun.of("validate", "--verbose", "--config", "/nonexistent/config.yaml");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.errLines().get(0)).isEqualTo("xsync: /nonexistent/config.yaml: config file does not exist");
        assertThat(verbose.err()).contains("ConfigException", "\tat io.xsync.runtime.config.XsyncConfig.load");
    }
}
