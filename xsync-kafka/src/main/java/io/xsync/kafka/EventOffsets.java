package io.xsync.kafka;

import io.xsync.runtime.store.OffsetTable;
import io.xsync.runtime.store.StaleOffsetException;
import io.xsync.runtime.store.Store;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The store's event offsets ({@link OffsetTable}, table {@code xsync_offsets}) in Kafka's terms:
 * for each consumer group and partition, the offset of the next event to process. The store owns
 * the table and its SQL; this class only translates partitions. Thread-safe.
 */
final class EventOffsets {
    private final OffsetTable table;

    EventOffsets(Store store) {
        this.table = store.offsets();
    }

    /** The stored next offsets of the given partitions; partitions without a row are absent. */
    Map<TopicPartition, Long> load(String group, Collection<TopicPartition> partitions) {
        List<OffsetTable.Partition> wanted = partitions.stream().map(EventOffsets::partition).toList();
        Map<TopicPartition, Long> result = new HashMap<>();
        table.load(group, wanted).forEach((p, next) -> result.put(new TopicPartition(p.topic(), p.partition()), next));
        return result;
    }

    /**
     * Moves a partition's next offset from {@code expected} (null: no row yet) to {@code next}
     * in the caller's transaction.
     *
     * @throws StaleOffsetException when another replica moved it meanwhile
     */
    void advance(String group, TopicPartition tp, Long expected, long next) {
        table.advance(group, partition(tp), expected, next);
    }

    private static OffsetTable.Partition partition(TopicPartition tp) {
        return new OffsetTable.Partition(tp.topic(), tp.partition());
    }
}
