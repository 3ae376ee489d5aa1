package io.xsync.runtime.store;

import io.xsync.api.XsyncException;

/**
 * Another replica moved a partition's stored offset (see {@link OffsetTable#advance}): this one
 * no longer owns the partition, and its transaction must roll back.
 */
public final class StaleOffsetException extends XsyncException {
    private static final long serialVersionUID = 1L;

    StaleOffsetException(String group, OffsetTable.Partition partition, Long expected) {
        super("stored offset of " + partition + " for group " + group + " is no longer "
                + (expected == null ? "absent" : expected) + "; another consumer took the partition over");
    }
}
