package io.xsync.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void escapesC0DelC1AndBidiOverrides() {
        assertThat(TerminalText.escape("\u001b[2J\u001b]0;title\u0007")).isEqualTo("\\x1b[2J\\x1b]0;title\\x07");
        assertThat(TerminalText.escape("a\nb\tc\rd\u007f\u009b")).isEqualTo("a\\x0ab\\x09c\\x0dd\\x7f\\x9b");
        assertThat(TerminalText.escape("\u202eabc\u2066")).isEqualTo("\\u202eabc\\u2066");
    }

    @Test
    void leavesPrintableTextAlone() {
        String text = "Grüße, 東京 😀 \\ \"quoted\"";
        assertThat(TerminalText.escape(text)).isSameAs(text);
        assertThat(TerminalText.escape(null)).isNull();
    }
}
