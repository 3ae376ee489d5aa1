package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChoicesParserTest {
    private static final SourceRef HERE = new SourceRef(null, 1, 1);

    @Test
    void tupleOfPairsGivesTheFirstElements() {
        assertThat(ChoicesParser.values("(('a','A'),('b','B'))", HERE)).containsExactly("a", "b");
    }

    @Test
    void doubleQuotesListsTrailingCommasAndSpaces() {
        assertThat(ChoicesParser.values(" [ (\"x y\", \"X\") , [\"z\", \"Z\"], ] ", HERE)).containsExactly("x y", "z");
        assertThat(ChoicesParser.values("(('only', 'Only'),)", HERE)).containsExactly("only");
    }

    @Test
    void numericValues() {
        assertThat(ChoicesParser.values("((1, 'one'), (2, 'two'))", HERE)).containsExactly("1", "2");
    }

    @Test
    void emptyTuple() {
        assertThat(ChoicesParser.values("()", HERE)).isEmpty();
    }
}
