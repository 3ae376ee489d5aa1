package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.OffsetTable;
import io.xsync.runtime.time.ManualTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event engine against the shared embedded broker and an H2 database. */
class EventEngineIT {
    private final EmbeddedKafka kafka = SharedBroker.get();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<KafkaEventEngine> engines = new ArrayList<>();
    private final List<JdbcStore> stores = new ArrayList<>();
    private String url;
    private JdbcStore store;
    private String synchronizer;

    @BeforeEach
    void setUp() throws Exception {
        url = TestDb.h2();
        store = TestDb.open(url, 8);
        TestDb.exec(store, RecordingStep.TABLE_DDL);
        synchronizer = SharedBroker.uniqueTopic("sync");
    }

    @AfterEach
    void tearDown() {
        engines.forEach(e -> e.stop(Duration.ofSeconds(10)));
        stores.forEach(JdbcStore::close);
        store.close();
    }

    private EventSettings settings() {
        return EventSettings.defaults(synchronizer, kafka.bootstrapServers())
                .withRetry(3, Duration.ofMillis(50), Duration.ofMillis(200))
                .withClientProperties(Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500));
    }

    private void start(EventSettings settings, RecordingStep... steps) {
        start(settings, registry, steps);
    }

    private void start(EventSettings settings, SimpleMeterRegistry meters, RecordingStep... steps) {
        start(store, settings, meters, steps);
    }

    private void start(JdbcStore on, EventSettings settings, SimpleMeterRegistry meters, RecordingStep... steps) {
        KafkaEventEngine engine = new KafkaEventEngine(List.of(steps), on, settings, meters);
        engine.start();
        engines.add(engine);
    }

    /** Sum of the step's stored next offsets: the number of events consumed, over its partitions. */
    private long storedOffsets(String step) throws Exception {
        return TestDb.queryLong(store, "SELECT COALESCE(SUM(\"next_offset\"), 0) FROM \"" + OffsetTable.TABLE
                + "\" WHERE \"group_id\" = 'xsync." + synchronizer + "." + step + "'");
    }

    private void assertNoFailures(String step) {
        assertThat(registry.get("xsync.events.failed").tag("step", step).counter().count())
                .as("failed attempts of " + step).isZero();
    }

    private long seen(String where) throws Exception {
        return TestDb.queryLong(store, "SELECT COUNT(*) FROM seen WHERE " + where);
    }

    @Test
    void eventsOfOneKeyAreProcessedInOrder() throws Exception {
        String topic = SharedBroker.uniqueTopic("order");
        kafka.createTopic(topic, 3);
        start(settings().withBatchSize(7), new RecordingStep("Order", List.of(topic), null, store));
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(new String[] {"key" + (i % 5), Integer.toString(i)});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("step = 'Order'") == 300);
        for (int k = 0; k < 5; k++) {
            List<String> values = TestDb.queryStrings(store, "SELECT v FROM seen WHERE k = 'key" + k + "' ORDER BY id");
            List<Integer> numbers = values.stream().map(Integer::parseInt).toList();
            assertThat(numbers).hasSize(60).isSorted();
        }
    }

    @Test
    void twoStepsOnOneTopicEachSeeEveryEvent() throws Exception {
        String topic = SharedBroker.uniqueTopic("both");
        kafka.createTopic(topic, 2);
        start(settings(), new RecordingStep("First", List.of(topic), null, store),
                new RecordingStep("Second", List.of(topic), null, store));
        KafkaEventEngine engine = engines.get(0);
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
        assertThat(engine.detail()).contains("2 event step(s) connected and assigned");
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(new String[] {"k" + i, "v" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("step = 'First'") == 50 && seen("step = 'Second'") == 50);
        assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen WHERE step = 'First'")).isEqualTo(50);
        assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen WHERE step = 'Second'")).isEqualTo(50);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusValue(engine, "First", "processed").equals(50L)
                && statusValue(engine, "Second", "processed").equals(50L));
        assertThat(engine.statusSection()).isEqualTo("events");
        assertThat(statusValue(engine, "First", "dead_lettered")).isEqualTo(0L);
    }

    private static Object statusValue(KafkaEventEngine engine, String step, String column) {
        return engine.stepStatus().stream().filter(r -> r.step().equals(step)).findFirst().orElseThrow()
                .values().get(column);
    }

    @Test
    void patternSubscriptionPicksUpATopicCreatedLater() throws Exception {
        String prefix = SharedBroker.uniqueTopic("pat");
        start(settings(), new RecordingStep("Pattern", List.of(), java.util.regex.Pattern.quote(prefix) + "-.*", store));
        await().atMost(Duration.ofSeconds(60)).until(engines.get(0)::ready); // subscribed before the topic exists
        String topic = prefix + "-later";
        kafka.createTopic(topic, 1);
        TestEvents.send(kafka.bootstrapServers(), topic, List.of(new String[] {"a", "1"}, new String[] {"b", "2"}));

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("step = 'Pattern' AND topic = '" + topic + "'") == 2);
    }

    @Test
    void failingEventIsRetriedThenDeadLetteredAndLaterEventsGoOn() throws Exception {
        String topic = SharedBroker.uniqueTopic("fail");
        kafka.createTopic(topic, 1);
        EventSettings s = settings().withBatchSize(50).withDeadLetterTopic(topic + ".dlq");
        kafka.createTopic(s.deadLetterTopic(), 1);
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        RecordingStep step = new RecordingStep("Failing", List.of(topic), null, store).failWhen(e -> {
            int n = attempts.computeIfAbsent(e.text(), x -> new AtomicInteger()).incrementAndGet();
            return e.text().equals("poison") || (e.text().equals("flaky") && n <= 2);
        });
        start(s, step);
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(new String[] {"k", i == 7 ? "poison" : i == 12 ? "flaky" : "v" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("v = 'v19'") == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> statusValue(engines.get(0), "Failing", "dead_lettered").equals(1L));
        // every event but the poison one applied exactly once, even though they shared transactions
        assertThat(TestDb.queryLong(store, "SELECT COUNT(*) FROM seen")).isEqualTo(19);
        assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen")).isEqualTo(19);
        assertThat(seen("v = 'poison'")).isZero();
        assertThat(attempts.get("poison").get()).isEqualTo(3);
        assertThat(attempts.get("flaky").get()).isEqualTo(3);

        List<ConsumerRecord<byte[], byte[]>> dead = TestEvents.readAll(kafka.bootstrapServers(), s.deadLetterTopic());
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> r = dead.get(0);
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(TestEvents.header(r, DeadLetters.EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(TestEvents.header(r, DeadLetters.EXCEPTION_MESSAGE)).isEqualTo("refusing poison");
        assertThat(TestEvents.header(r, DeadLetters.STEP)).isEqualTo("Failing");
        assertThat(TestEvents.header(r, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(topic);
        assertThat(TestEvents.header(r, DeadLetters.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(TestEvents.header(r, DeadLetters.ORIGINAL_OFFSET)).isEqualTo("7");
        assertThat(TestEvents.header(r, DeadLetters.ATTEMPTS)).isEqualTo("3");
        assertThat(statusValue(engines.get(0), "Failing", "last_dead_letter"))
                .isEqualTo(r.partition() + "@" + r.offset() + ": IllegalStateException: refusing poison");

        assertThat(registry.get("xsync.events.dead_lettered").tag("step", "Failing").counter().count()).isEqualTo(1);
        assertThat(registry.get("xsync.events.retried").tag("step", "Failing").counter().count()).isEqualTo(4);
        assertThat(registry.get("xsync.events.processed").tag("step", "Failing").counter().count()).isEqualTo(19);
    }

    @Test
    void aPoisonEventDoesNotReplayTheGoodEventsOfItsBatch() throws Exception {
        String topic = SharedBroker.uniqueTopic("poison");
        kafka.createTopic(topic, 1);
        EventSettings s = settings().withBatchSize(50).withDeadLetterTopic(topic + ".dlq");
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        start(s, new RecordingStep("Poison", List.of(topic), null, store).failWhen(e -> {
            calls.computeIfAbsent(e.text(), x -> new AtomicInteger()).incrementAndGet();
            return e.text().startsWith("poison");
        }));
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(new String[] {"k", i % 20 == 13 ? "poison" + i : "good" + i});
        }
        events.add(new String[] {"k", "end"});
        TestEvents.send(kafka.bootstrapServers(), topic, events);

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("v = 'end'") == 1);
        assertThat(seen("v LIKE 'good%'")).isEqualTo(190);
        assertThat(seen("v LIKE 'poison%'")).isZero();
        calls.forEach((value, n) -> assertThat(n.get()).as("processEvent calls for " + value)
                .isEqualTo(value.startsWith("poison") ? 3 : 1));
        assertThat(calls).hasSize(201);
        assertThat(TestEvents.readAll(kafka.bootstrapServers(), s.deadLetterTopic())).hasSize(10);
    }

    @Test
    void aBatchStepGetsWholeBatchesInOneCallAndAppliesEachEventOnce() throws Exception {
        String topic = SharedBroker.uniqueTopic("batch");
        kafka.createTopic(topic, 2);
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            events.add(new String[] {"k" + (i % 7), "e" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);
        BatchRecordingStep step = new BatchRecordingStep("Batch", List.of(topic), store);
        start(settings().withBatchSize(100), step);

        await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsets("Batch") == 600);
        assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen")).isEqualTo(600);
        assertThat(TestDb.queryLong(store, "SELECT COUNT(*) FROM seen")).isEqualTo(600);
        assertThat(step.batchSizes()).as("batch sizes").allMatch(n -> n >= 1 && n <= 100);
        assertThat(step.batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(600);
        assertThat(step.batchSizes()).as("events were waiting, so batches are full").contains(100);
        assertNoFailures("Batch");
        assertThat(registry.get("xsync.events.processed").tag("step", "Batch").counter().count()).isEqualTo(600);
        assertThat(registry.get("xsync.events.processing").tag("step", "Batch").timer().count()).isEqualTo(600);
    }

    @Test
    void aPoisonEventInABatchIsRetriedAloneAndTheRestOfItsBatchIsAppliedOnce() throws Exception {
        String topic = SharedBroker.uniqueTopic("batchpoison");
        kafka.createTopic(topic, 1);
        EventSettings s = settings().withBatchSize(50).withDeadLetterTopic(topic + ".dlq");
        Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
        BatchRecordingStep step = new BatchRecordingStep("BatchPoison", List.of(topic), store);
        step.failWhen(e -> {
            checks.computeIfAbsent(e.text(), x -> new AtomicInteger()).incrementAndGet();
            return e.text().startsWith("poison");
        });
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(new String[] {"k", i == 57 || i == 123 ? "poison" + i : "good" + i});
        }
        events.add(new String[] {"k", "end"});
        TestEvents.send(kafka.bootstrapServers(), topic, events);
        start(s, step);

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("v = 'end'") == 1);
        assertThat(seen("v LIKE 'good%'")).isEqualTo(198);
        assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen")).isEqualTo(199);
        assertThat(seen("v LIKE 'poison%'")).as("the poison events' rows were rolled back").isZero();
        // a poison event: once in its batch, then three attempts alone
        assertThat(checks.get("poison57").get()).isEqualTo(4);
        assertThat(checks.get("poison123").get()).isEqualTo(4);
        List<ConsumerRecord<byte[], byte[]>> dead = TestEvents.readAll(kafka.bootstrapServers(), s.deadLetterTopic());
        assertThat(dead).extracting(r -> TestEvents.header(r, DeadLetters.ORIGINAL_OFFSET))
                .containsExactlyInAnyOrder("57", "123");
        assertThat(registry.get("xsync.events.processed").tag("step", "BatchPoison").counter().count())
                .isEqualTo(199);
        assertThat(storedOffsets("BatchPoison")).isEqualTo(201);
    }

    /**
     * A partition the store holds as finished while Kafka's committed offset lags behind (the
     * previous owner was killed between its store commit and its Kafka-side commit): with nothing
     * left to process, the Kafka-side offset must still be brought up to the stored one.
     */
    @Test
    void aPartitionAlreadyFinishedInTheStoreGetsItsKafkaOffsetCommitted() throws Exception {
        String topic = SharedBroker.uniqueTopic("finished");
        kafka.createTopic(topic, 1);
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(new String[] {"k", "v" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);
        String group = settings().groupId("Finished");
        store.inTransaction(() -> {
            store.offsets().advance(group, new OffsetTable.Partition(topic, 0), null, 10);
            return null;
        });
        start(settings(), new RecordingStep("Finished", List.of(topic), null, store));

        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS)
                        .get(new TopicPartition(topic, 0));
                return committed != null && committed.offset() == 10;
            });
        }
        assertThat(seen("step = 'Finished'")).isZero();
    }

    @Test
    void deadLetterSendThatCannotSucceedMakesTheEngineNotReady() throws Exception {
        String topic = SharedBroker.uniqueTopic("dlqfail");
        kafka.createTopic(topic, 1);
        // bypasses the config check on purpose: a topic name Kafka refuses on every send
        EventSettings s = settings().withDeadLetterTopic("hello; touch x.dead-letter");
        KafkaEventEngine engine = new KafkaEventEngine(List.of(new RecordingStep("Poisoned", List.of(topic), null,
                store).failWhen(e -> e.text().equals("poison"))), store, s, registry);
        engine.start();
        engines.add(engine);
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
        TestEvents.send(kafka.bootstrapServers(), topic, List.<String[]>of(new String[] {"k", "poison"}));

        await().atMost(Duration.ofSeconds(60)).until(() -> !engine.ready());
        assertThat(engine.detail()).contains("cannot send " + topic + "-0@0 to dead-letter topic hello; touch x");
    }

    @Test
    void malformedJsonGoesToTheDeadLetterTopicWithAReadableReason() throws Exception {
        String topic = SharedBroker.uniqueTopic("json");
        kafka.createTopic(topic, 1);
        EventSettings s = settings().withDeadLetterTopic(topic + ".dlq");
        kafka.createTopic(s.deadLetterTopic(), 1);
        start(s, new RecordingStep("Json", List.of(topic), null, store).parseJson());
        TestEvents.send(kafka.bootstrapServers(), topic, List.of(new String[] {"a", "{\"first_name\": \"John\"}"},
                new String[] {"b", "{not json"}, new String[] {"c", "{\"first_name\": \"Jane\"}"}));

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("k = 'c'") == 1);
        assertThat(seen("k = 'b'")).isZero();
        List<ConsumerRecord<byte[], byte[]>> dead = TestEvents.readAll(kafka.bootstrapServers(), s.deadLetterTopic());
        assertThat(dead).hasSize(1);
        assertThat(TestEvents.header(dead.get(0), DeadLetters.EXCEPTION_CLASS))
                .isEqualTo(io.xsync.api.EventFormatException.class.getName());
        assertThat(TestEvents.header(dead.get(0), DeadLetters.EXCEPTION_MESSAGE))
                .contains(topic + "-0@1").contains("not valid JSON");
        assertThat(TestEvents.header(dead.get(0), DeadLetters.ATTEMPTS)).isEqualTo("1");
    }

    @Test
    void restartedEngineResumesFromTheStoredOffsets() throws Exception {
        String topic = SharedBroker.uniqueTopic("resume");
        kafka.createTopic(topic, 2);
        start(settings(), new RecordingStep("Resume", List.of(topic), null, store));
        List<String[]> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(new String[] {"k" + i, "a" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, first);
        await().atMost(Duration.ofSeconds(60)).until(() -> seen("step = 'Resume'") == 40);
        engines.remove(0).stop(Duration.ofSeconds(10));

        List<String[]> second = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            second.add(new String[] {"k" + i, "b" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, second);
        start(settings(), new RecordingStep("Resume", List.of(topic), null, store));
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsets("Resume") == 80); // the end
        assertThat(seen("step = 'Resume'")).isEqualTo(80);
        assertNoFailures("Resume"); // an event applied twice breaks the unique key of seen
    }

    @Test
    void aPartitionWithoutAStoredOffsetStartsAtTheEarliestEventNotAtTheOffsetCommittedToKafka() throws Exception {
        String topic = SharedBroker.uniqueTopic("fresh");
        kafka.createTopic(topic, 1);
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(new String[] {"k", "f" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);
        // Kafka says the group is at 6, the store has no row: as after a store commit lost in a crash
        String group = "xsync." + synchronizer + ".Fresh";
        try (Admin admin = Admin.create(
                Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(6))).all().get();
        }
        start(settings(), new RecordingStep("Fresh", List.of(topic), null, store));

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("v = 'f9'") == 1);
        assertThat(TestDb.queryStrings(store, "SELECT v FROM seen WHERE step = 'Fresh' ORDER BY off"))
                .containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
    }

    @Test
    void withStartFromLatestAPartitionWithoutAStoredOffsetSkipsTheOldEvents() throws Exception {
        String topic = SharedBroker.uniqueTopic("latest");
        kafka.createTopic(topic, 1);
        TestEvents.send(kafka.bootstrapServers(), topic, List.<String[]>of(new String[] {"k", "old"}));
        start(settings().withStartFrom(EventSettings.StartFrom.LATEST),
                new RecordingStep("Latest", List.of(topic), null, store));
        KafkaEventEngine engine = engines.get(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.ready()
                && Long.valueOf(0).equals(statusValue(engine, "Latest", "lag")));
        TestEvents.send(kafka.bootstrapServers(), topic, List.<String[]>of(new String[] {"k", "new"}));

        await().atMost(Duration.ofSeconds(60)).until(() -> seen("v = 'new'") == 1);
        assertThat(TestDb.queryStrings(store, "SELECT v FROM seen WHERE step = 'Latest'")).containsExactly("new");
    }

    @Test
    void blockModeRetriesBeyondTheAttemptsAndKeepsOrder() throws Exception {
        String topic = SharedBroker.uniqueTopic("block");
        kafka.createTopic(topic, 1);
        EventSettings s = settings().withOnFailure(EventSettings.FailureMode.BLOCK).withDeadLetterTopic(topic + ".dlq");
        ManualTime time = new ManualTime();
        Instant t0 = time.now();
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        KafkaEventEngine engine = new KafkaEventEngine(List.of(new RecordingStep("Block", List.of(topic), null, store)
                .failWhen(e -> {
                    if (!e.text().equals("stubborn")) {
                        return false;
                    }
                    attempts.add(time.now());
                    return attempts.size() <= 5;
                })), store, s, registry, time);
        engine.start();
        engines.add(engine);
        TestEvents.send(kafka.bootstrapServers(), topic, List.of(new String[] {"k", "before"},
                new String[] {"k", "stubborn"}, new String[] {"k", "after"}));

        // each retry waits its backoff on the engine's clock: 50, 100, then 200 ms (events.retry.max)
        List<Instant> expected = new ArrayList<>(List.of(t0));
        for (int retry = 1; retry <= 5; retry++) {
            int before = retry;
            await().atMost(Duration.ofSeconds(60)).until(() -> attempts.size() == before && time.waiters() == 1);
            time.advance(s.retryDelay(retry));
            expected.add(time.now());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> seen("step = 'Block'") == 3);
        assertThat(TestDb.queryStrings(store, "SELECT v FROM seen ORDER BY id")).containsExactly("before", "stubborn", "after");
        assertThat(attempts).as("attempts: 5 failures, more than events.retry.attempts (3), then success")
                .containsExactly(expected.toArray(Instant[]::new));
        assertThat(expected).containsExactly(t0, t0.plusMillis(50), t0.plusMillis(150), t0.plusMillis(350),
                t0.plusMillis(550), t0.plusMillis(750));
        assertThat(registry.get("xsync.events.dead_lettered").tag("step", "Block").counter().count()).isZero();
    }

    @Test
    void shutdownFinishesTheBatchInFlightAndLeavesTheRestForTheNextStart() throws Exception {
        String topic = SharedBroker.uniqueTopic("drain");
        kafka.createTopic(topic, 2);
        String group = "xsync." + synchronizer + ".Slow";
        start(settings().withBatchSize(5), new RecordingStep("Slow", List.of(topic), null, store).failWhen(e -> {
            sleepQuietly(50);
            return false;
        }));
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(new String[] {"k" + i, "s" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);
        await().atMost(Duration.ofSeconds(60)).until(() -> seen("step = 'Slow'") >= 20);

        engines.remove(0).stop(Duration.ofSeconds(10));
        long applied = seen("step = 'Slow'");
        assertThat(applied).isLessThan(200);
        // what was applied and what the stored offsets say agree: nothing half-done
        assertThat(TestDb.queryLong(store, "SELECT COALESCE(SUM(\"next_offset\"), 0) FROM \"" + OffsetTable.TABLE
                + "\" WHERE \"group_id\" = '" + group + "'")).isEqualTo(applied);

        start(settings(), new RecordingStep("Slow", List.of(topic), null, store));
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsets("Slow") == 200); // the end
        assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen")).isEqualTo(200);
        assertThat(seen("step = 'Slow'")).isEqualTo(200);
        assertNoFailures("Slow");
    }

    @Test
    void replicasOfOneSynchronizerSplitThePartitionsAndApplyEachEventOnce() throws Exception {
        String topic = SharedBroker.uniqueTopic("replicas");
        kafka.createTopic(topic, 4);
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        start(settings().withBatchSize(10), registry, slowShared(topic, store));
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(new String[] {"k" + i, "r" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);
        await().atMost(Duration.ofSeconds(60)).until(() -> seen("step = 'Shared'") >= 50);
        // a second replica, with a store and pool of its own on the same database, joins mid-stream:
        // partitions move between them while events are in flight
        JdbcStore secondStore = TestDb.open(url, 4);
        stores.add(secondStore);
        start(secondStore, settings().withBatchSize(10), second, slowShared(topic, secondStore));

        await().atMost(Duration.ofSeconds(120)).until(() -> storedOffsets("Shared") == 1000); // the end
        assertThat(seen("step = 'Shared'")).isEqualTo(1000);
        assertNoFailures("Shared");
        assertThat(second.get("xsync.events.failed").tag("step", "Shared").counter().count()).isZero();
        assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen")).isEqualTo(1000);
        assertThat(registry.get("xsync.events.processed").tag("step", "Shared").counter().count()).isPositive();
        assertThat(second.get("xsync.events.processed").tag("step", "Shared").counter().count()).isPositive();
    }

    private RecordingStep slowShared(String topic, JdbcStore on) {
        return new RecordingStep("Shared", List.of(topic), null, on).failWhen(e -> {
            sleepQuietly(20);
            return false;
        });
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
