package io.xsync.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.runtime.store.JdbcStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A synchronizer reduced to its event engine, run as a child JVM by {@link KillRestartIT}: opens
 * the store and the engine with one {@link RecordingStep} (step name {@code Child}, default event
 * settings, except batches of 1,000 events) and runs until killed. On SIGTERM it stops the engine
 * and closes the store.
 *
 * <p>Arguments: bootstrap servers, topic, JDBC URL, synchronizer name, and optionally
 * {@code batch} to run a {@link BatchRecordingStep} (whole batches through
 * {@code processEvents}) instead.
 */
public final class ChildSynchronizer {
    /** The event step's name, so the consumer group is {@code xsync.<name>.Child}. */
    public static final String STEP = "Child";

    private ChildSynchronizer() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String url = args[2];
        String name = args[3];
        JdbcStore store = TestDb.open(url, 6);
        TestDb.exec(store, RecordingStep.TABLE_DDL);
        boolean batch = args.length > 4 && args[4].equals("batch");
        // a batch step is many times faster: small batches and a pause per batch keep it running for
        // a few seconds, so that the kill lands mid-stream
        RecordingStep step = batch ? new BatchRecordingStep(STEP, List.of(topic), store).pacedBy(20)
                : new RecordingStep(STEP, List.of(topic), null, store);
        EventSettings settings = EventSettings.defaults(name, bootstrap)
                // the killed child's group membership expires sooner, so the restart resumes sooner
                .withClientProperties(Map.of("session.timeout.ms", 6_000, "heartbeat.interval.ms", 1_000))
                // batches smaller than a partition's 5,000 events, so that some of a partition is
                // committed (and seen in Kafka) while the rest is in flight when the kill lands
                .withBatchSize(batch ? 50 : 1000);
        KafkaEventEngine engine = new KafkaEventEngine(List.of(step), store, settings, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.stop(Duration.ofSeconds(10));
            store.close();
        }, "child-stop"));
        engine.start();
        System.out.println("child synchronizer running");
        System.out.flush();
        Thread.currentThread().join();
    }
}
