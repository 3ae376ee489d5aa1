package io.xsync.runtime.store;

import java.util.function.IntFunction;

/**
 * Ids taken from the id sequence a block at a time, for the inserts one batch transaction holds
 * back: an object gets its id at {@code save()} without a round trip of its own. The first block
 * holds one id and each next one twice as many, up to {@value #MAX}, so a transaction saving one
 * object takes exactly one id and a large batch a few queries. Ids left over when the transaction
 * ends are never used: the sequence has a gap, but no id is handed out long after the ids around
 * it.
 */
final class IdBlock {
    static final int MAX = 100;

    private final IntFunction<long[]> source;
    private long[] block = new long[0];
    private int next;

    /** @param source gives {@code n} new ids from the sequence */
    IdBlock(IntFunction<long[]> source) {
        this.source = source;
    }

    long next() {
        if (next >= block.length) {
            block = source.apply(Math.min(MAX, Math.max(1, 2 * block.length)));
            next = 0;
        }
        return block[next++];
    }
}
