package io.xsync.kafka;

import io.xsync.runtime.store.JdbcStore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

/**
 * A synchronizer reduced to its event engine, run as a child JVM by {@link KillRestartIT}: opens
 * the store and the engine with one {@link RecordingStep} and runs until killed.
 *
 * <p>Arguments: bootstrap servers, topic, JDBC URL, synchronizer name.
 */
public final class ChildSynchronizer {
    private ChildSynchronizer() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String url = args[2];
        String name = args[3];
        JdbcStore store = TestDb.open(url, 6);
        RecordingStep step = new RecordingStep("Child", List.of(topic), null, store);
        EventSettings settings = EventSettings.defaults(name, bootstrap).withBatchSize(100)
                // the killed child's group membership expires sooner, so the restart resumes sooner
                .withClientProperties(java.util.Map.of("session.timeout.ms", 10_000, "heartbeat.interval.ms", 1_000));
        KafkaEventEngine engine = new KafkaEventEngine(List.of(step), store, settings, new SimpleMeterRegistry());
        engine.start();
        System.out.println("child synchronizer running");
        System.out.flush();
        Thread.currentThread().join();
    }
}
