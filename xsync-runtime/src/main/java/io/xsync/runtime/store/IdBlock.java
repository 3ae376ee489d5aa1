package io.xsync.runtime.store;

import java.util.function.IntFunction;

/**
 * Ids taken from the id sequence a block at a time, for inserts held back in a batch
 * transaction: the object gets its id at {@code save()} without a round trip of its own. Ids
 * left in the block when the process stops are never used (the sequence has gaps anyway).
 */
final class IdBlock {
    static final int SIZE = 100;

    private final IntFunction<long[]> source;
    private long[] block = new long[0];
    private int next;

    /** @param source gives {@code n} new ids from the sequence */
    IdBlock(IntFunction<long[]> source) {
        this.source = source;
    }

    synchronized long next() {
        if (next >= block.length) {
            block = source.apply(SIZE);
            next = 0;
        }
        return block[next++];
    }
}
