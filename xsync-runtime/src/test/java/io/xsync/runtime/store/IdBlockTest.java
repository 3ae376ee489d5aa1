package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class IdBlockTest {
    private final List<Integer> asked = new ArrayList<>();
    private long sequence = 10;

    private long[] take(int n) {
        asked.add(n);
        long first = sequence;
        sequence += n;
        return LongStream.range(first, first + n).toArray();
    }

    @Test
    void blocksStartAtOneIdAndDoubleUpToTheMaximum() {
        IdBlock ids = new IdBlock(this::take);
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            got.add(ids.next());
        }
        assertThat(got).containsExactlyElementsOf(LongStream.range(10, 510).boxed().toList());
        assertThat(asked).startsWith(1, 2, 4, 8, 16, 32, 64, IdBlock.MAX, IdBlock.MAX);
        assertThat(asked.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void oneIdTakesOneIdFromTheSequence() {
        assertThat(new IdBlock(this::take).next()).isEqualTo(10);
        assertThat(asked).containsExactly(1);
    }
}
