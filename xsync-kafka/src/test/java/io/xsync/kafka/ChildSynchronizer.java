package io.xsync.kafka;

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
        TxStore store = new TxStore(url, 6);
        RecordingStep step = new RecordingStep("Child", List.of(topic), null, store);
        EventSettings settings = EventSettings.defaults(name, bootstrap).withBatchSize(100);
        KafkaEventEngine engine = new KafkaEventEngine(List.of(step), store, settings, new SimpleMeterRegistry());
        engine.start();
        System.out.println("child synchronizer running");
        System.out.flush();
        Thread.currentThread().join();
    }
}
