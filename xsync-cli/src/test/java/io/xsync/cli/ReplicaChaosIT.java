package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.api.ModelObject;
import io.xsync.kafka.EmbeddedKafka;
import io.xsync.kafka.SharedBroker;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.store.TestStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three replicas of one synchronizer ({@code xsync run} in separate JVMs) on one PostgreSQL schema
 * and one Kafka broker, with an event step, a policy, a sync step and a pull step. Events arrive
 * and objects are changed through the API while one replica at a time is SIGKILLed at a random
 * moment and started again, twice. Afterwards every event was applied once, every change policed
 * once (runs that committed: a run rolled back by a kill or a database error runs again) and
 * synced once (calls in flight at a kill excepted: the backend call and its bookkeeping are not
 * one transaction), no unique value has two live rows, the pull step ran on one replica at a
 * time, and everything settled.
 *
 * <p>Sizes: {@code -Dxsync.chaos.events} (default 2,000) and {@code -Dxsync.chaos.changes}
 * (default 500); the Maven profile {@code chaos} runs the full 20,000 and 5,000. The kill moments,
 * victims and changed objects come from a seed that is logged and taken back from
 * {@code -Dxsync.chaos.seed} (the timing of the processes themselves cannot be replayed).
 */
class ReplicaChaosIT {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaChaosIT.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String[] STEP_FILES = {"models/chaos.xproto", "event_steps/ChaosEventStep.java",
        "steps/ChaosSyncStep.java", "model_policies/ChaosPolicy.java", "pull_steps/ChaosPullStep.java"};

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the replicas' logs stay for a failure's diagnosis
    Path dir;

    private final List<RunningSynchronizer> replicas = new ArrayList<>();
    private final List<RunningSynchronizer> killed = new ArrayList<>();
    private TestStores.Database db;
    private JdbcStore api;
    private int incarnation;

    @AfterEach
    void tearDown() throws Exception {
        for (RunningSynchronizer r : replicas) {
            r.close();
        }
        if (api != null) {
            api.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void threeReplicasWithKillsDoEverythingOnce() throws Exception {
        int events = Integer.getInteger("xsync.chaos.events", 2000);
        int changes = Integer.getInteger("xsync.chaos.changes", 500);
        long seed = Long.getLong("xsync.chaos.seed", System.nanoTime());
        LOG.info("chaos seed: {} (rerun with -Dxsync.chaos.seed={})", seed, seed);
        Random random = new Random(seed);
        Path config = prepare();
        Path logs = dir.resolve("logs");
        for (int i = 0; i < 3; i++) {
            replicas.add(startReplica(config));
        }
        api = JdbcStore.open(StoreSettings.of(db.url()).withPoolSize(4), XprotoLoader.load(dir.resolve("models")));
        Instant start = Instant.now();

        Thread producer = new Thread(() -> produce(events), "chaos-producer");
        producer.start();
        AtomicInteger changed = new AtomicInteger();
        Thread changer = new Thread(() -> change(changes, changed, random), "chaos-api");
        changer.start();

        double[] killAt = {0.2 + random.nextDouble() * 0.3, 0.55 + random.nextDouble() * 0.3};
        for (double fraction : killAt) {
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> people() >= fraction * events);
            int victim = random.nextInt(replicas.size());
            RunningSynchronizer r = replicas.get(victim);
            killed.add(r);
            r.kill();
            LOG.info("chaos: SIGKILLed replica pid {} at {} of {} people", r.pid(), people(), events);
            replicas.set(victim, startReplica(config));
        }
        Instant lastRestart = Instant.now();
        producer.join();
        changer.join();

        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(this::settled);
        Duration settle = Duration.between(lastRestart, Instant.now());
        Duration total = Duration.between(start, Instant.now());
        List<long[]> pullRuns = pullRuns(logs); // before the replicas stop and hand the lease over
        for (RunningSynchronizer r : replicas) {
            r.terminate();
            assertThat(r.log()).doesNotContain(" ERROR ");
        }

        assertEveryEventAppliedOnce(events);
        assertNoUniqueDuplicates();
        assertThat(scalar("SELECT COUNT(*) FROM (SELECT person_id, version FROM xs_policyrun GROUP BY person_id, "
                + "version HAVING COUNT(*) > 1) d")).as("changes policed twice (committed runs)").isZero();
        int policyReruns = callsRepeated(logs, "policy");
        int syncReruns = assertOncePerChange(logs, "sync");
        int pullSwitches = switches(pullRuns);
        assertThat(pullSwitches).as("pull runs moved from one replica to another (only on a kill)")
                .isLessThanOrEqualTo(killed.size());
        assertThat(overlaps(pullRuns)).as("pull runs of two replicas at once").isZero();
        // A replica that stops releases its claims and leases. A killed one cannot: its rows stay
        // until they expire and another replica takes them over or purges them, which may not have
        // happened yet when the run settles sooner than a lease after the last kill.
        Set<String> killedOwners = new HashSet<>();
        killed.forEach(r -> killedOwners.addAll(claimOwners(r.log())));
        Set<String> stoppedOwners = new HashSet<>();
        replicas.forEach(r -> stoppedOwners.addAll(claimOwners(r.log())));
        assertThat(stoppedOwners).as("claim owners the stopped replicas logged").isNotEmpty();
        List<String> left = claimOwnersLeft();
        assertThat(left).as("claims left by replicas that stopped cleanly").doesNotContainAnyElementsOf(stoppedOwners);
        assertThat(killedOwners).as("claims left after every replica stopped belong to killed replicas")
                .containsAll(left);
        LOG.info("chaos figures: events {}, api changes {}, kills {}, total {} s, settled {} s after the last "
                        + "restart (claim lease {} s), committed policy runs {}, policy calls repeated after a "
                        + "rollback {}, sync calls repeated after a kill {}, pull hand-overs {}", events, changed.get(),
                killed.size(), total.toSeconds(), settle.toSeconds(), LEASE.toSeconds(),
                scalar("SELECT COUNT(*) FROM xs_policyrun"), policyReruns, syncReruns, pullSwitches);
    }

    private Path prepare() throws IOException {
        for (String f : STEP_FILES) {
            Path target = dir.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = getClass().getResourceAsStream("/chaos/" + f)) {
                Files.copy(in, target);
            }
        }
        Files.createDirectories(dir.resolve("logs"));
        db = TestStores.database("postgresql");
        EmbeddedKafka kafka = SharedBroker.get();
        kafka.createTopic("Chaos", 6);
        String logDir = dir.resolve("logs").toString();
        return Files.writeString(dir.resolve("config.yaml"), "name: chaos\nmodels_dir: models\n"
                + "event_steps_dir: event_steps\nsteps_dir: steps\nmodel_policies_dir: model_policies\n"
                + "pull_steps_dir: pull_steps\nshutdown_timeout: 20s\n"
                + "store:\n  url: \"" + db.url() + "\"\n  pool_size: 6\n"
                + "event_bus:\n  kind: kafka\n  endpoint: " + kafka.bootstrapServers() + "\n"
                + "http:\n  enabled: false\n"
                + "sync:\n  claim_lease: " + LEASE.toSeconds() + "s\n"
                + "pull:\n  interval: 200ms\n"
                + "steps:\n"
                + "  ChaosPolicy:\n    log_dir: \"" + logDir + "\"\n"
                + "  ChaosSyncStep:\n    log_dir: \"" + logDir + "\"\n"
                + "  ChaosPullStep:\n    log_dir: \"" + logDir + "\"\n");
    }

    private RunningSynchronizer startReplica(Path config) throws IOException {
        // starting compiles the steps: minutes on a busy build machine
        return RunningSynchronizer.start(config, "chaos", dir.resolve("replica-" + (incarnation++) + ".log"),
                Duration.ofMinutes(6));
    }

    private void produce(int events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.get().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>("Chaos", "k" + i,
                        "{\"first_name\":\"F" + i + "\",\"last_name\":\"L" + i + "\"}"));
                if (i % 500 == 499) {
                    producer.flush();
                    pause(50); // spread the events over the run, so that kills land mid-stream
                }
            }
        }
    }

    /** API changes: bumps the version of random existing people. */
    private void change(int changes, AtomicInteger changed, Random random) {
        while (changed.get() < changes) {
            long id = randomPerson(random);
            java.util.Optional<ModelObject> found = id == 0 ? java.util.Optional.empty()
                    : api.models(Actor.API).get("Person").get(id);
            if (found.isEmpty()) {
                pause(20);
                continue;
            }
            ModelObject p = found.get();
            p.set("version", p.getLong("version") + 1);
            p.save();
            changed.incrementAndGet();
            if (changed.get() % 20 == 0) {
                pause(5);
            }
        }
    }

    /** The id of a random existing person, or 0 while there is none. */
    private long randomPerson(Random random) {
        long max = maxId();
        if (max == 0) {
            return 0;
        }
        try {
            return scalar("SELECT COALESCE(MIN(id), 0) FROM xs_person WHERE id >= " + (1 + (long) (random.nextDouble() * max)));
        } catch (Exception e) {
            return 0;
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long people() throws Exception {
        return scalar("SELECT COUNT(*) FROM xs_person");
    }

    private long maxId() {
        try {
            return scalar("SELECT COALESCE(MAX(id), 0) FROM xs_person");
        } catch (Exception e) {
            return 0;
        }
    }

    /** The owners of the claim and lease rows left in the store, one entry per row. */
    private List<String> claimOwnersLeft() throws Exception {
        List<String> owners = new ArrayList<>();
        try (Connection c = api.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT owner FROM xsync_claims")) {
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
        }
        return owners;
    }

    /** The claim owners a replica's engines logged when they started ("... replica chaos-1a2b3c4d"). */
    private static Set<String> claimOwners(String log) {
        Set<String> owners = new HashSet<>();
        Matcher m = Pattern.compile("replica (chaos-[0-9a-f]{8})").matcher(log);
        while (m.find()) {
            owners.add(m.group(1));
        }
        return owners;
    }

    private boolean settled() throws Exception {
        return scalar("SELECT COUNT(*) FROM xs_person WHERE policed IS NULL OR policed < updated "
                + "OR enacted IS NULL OR enacted < updated") == 0 && scalar("SELECT COUNT(*) FROM xs_person")
                == Integer.getInteger("xsync.chaos.events", 2000);
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = api == null ? java.sql.DriverManager.getConnection(db.url()) : api.dataSource().getConnection();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertEveryEventAppliedOnce(int events) throws Exception {
        assertThat(scalar("SELECT COUNT(*) FROM xs_person")).isEqualTo(events);
        assertThat(scalar("SELECT COUNT(*) FROM xs_person WHERE applied <> 1")).as("people applied twice or never")
                .isZero();
    }

    private void assertNoUniqueDuplicates() throws Exception {
        assertThat(scalar("SELECT COUNT(*) FROM (SELECT first_name, last_name FROM xs_person WHERE deleted = FALSE "
                + "GROUP BY first_name, last_name HAVING COUNT(*) > 1) d")).isZero();
        assertThat(scalar("SELECT COUNT(*) FROM (SELECT person_id FROM xs_greeting GROUP BY person_id "
                + "HAVING COUNT(*) > 1) d")).as("people with two greetings").isZero();
        assertThat(scalar("SELECT COUNT(*) FROM xs_greeting")).isEqualTo(scalar("SELECT COUNT(*) FROM xs_person"));
        assertThat(scalar("SELECT COUNT(*) FROM xs_greeting g JOIN xs_person p ON p.id = g.person_id "
                + "WHERE g.text <> CONCAT('Hello ', p.first_name, ' v', p.version)")).as("greetings behind").isZero();
    }

    /**
     * Every (object, version) was handled at least once, and again only after a call that ran in
     * a replica killed afterwards (its transaction died with it): of the calls for one change, in
     * the order they were made, every one but the last comes from a killed replica. Returns those
     * re-runs.
     */
    private int assertOncePerChange(Path logs, String kind) throws Exception {
        Map<String, List<long[]>> callers = new HashMap<>(); // "id version" -> {time, pid} of each call
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(kind + "-")).toList()) {
                long pid = Long.parseLong(f.getFileName().toString().replaceAll("\\D", ""));
                for (String line : Files.readAllLines(f)) {
                    String[] parts = line.split(" "); // id version epoch-micros
                    callers.computeIfAbsent(parts[0] + " " + parts[1], k -> new ArrayList<>())
                            .add(new long[] {Long.parseLong(parts[2]), pid});
                }
            }
        }
        assertThat(callers.keySet().stream().map(k -> k.split(" ")[0]).distinct().count()).as(kind + "d people")
                .isEqualTo(scalar("SELECT COUNT(*) FROM xs_person"));
        int reruns = 0;
        List<String> doubled = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> e : callers.entrySet()) {
            List<Long> pids = e.getValue().stream().sorted(Comparator.comparingLong(c -> c[0])).map(c -> c[1]).toList();
            for (int i = 0; i < pids.size() - 1; i++) {
                long pid = pids.get(i);
                if (killed.stream().anyMatch(r -> r.pid() == pid)) {
                    reruns++;
                } else {
                    doubled.add(e.getKey() + " by " + pids);
                }
            }
        }
        assertThat(doubled).as("%s calls repeated without a kill; the replicas' warnings:%n%s", kind, replicaWarnings())
                .isEmpty();
        return reruns;
    }

    /** Every WARN and ERROR line the replicas logged, killed ones included, for a failure's message. */
    private String replicaWarnings() throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("replica-")).sorted().toList()) {
                Files.readAllLines(f).stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).limit(50)
                        .forEach(l -> out.append(f.getFileName()).append(": ").append(l).append('\n'));
            }
        }
        return out.toString();
    }

    /** How many policy calls repeated a call for the same change (rolled back by a kill or an error). */
    private int callsRepeated(Path logs, String kind) throws IOException {
        Map<String, Integer> calls = new HashMap<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(kind + "-")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    calls.merge(line, 1, Integer::sum);
                }
            }
        }
        return calls.values().stream().mapToInt(n -> n - 1).sum();
    }

    /** Every pull run as {start, end, pid}, by start time. */
    private static List<long[]> pullRuns(Path logs) throws IOException {
        List<long[]> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("pull-")).toList()) {
                long pid = Long.parseLong(f.getFileName().toString().replaceAll("\\D", ""));
                for (String line : Files.readAllLines(f)) {
                    String[] t = line.split(" ");
                    runs.add(new long[] {Long.parseLong(t[0]), Long.parseLong(t[1]), pid});
                }
            }
        }
        runs.sort((a, b) -> Long.compare(a[0], b[0]));
        return runs;
    }

    private static int switches(List<long[]> runs) {
        int n = 0;
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i)[2] != runs.get(i - 1)[2]) {
                n++;
            }
        }
        return n;
    }

    private static int overlaps(List<long[]> runs) {
        int n = 0;
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i)[2] != runs.get(i - 1)[2] && runs.get(i)[0] < runs.get(i - 1)[1]) {
                n++;
            }
        }
        return n;
    }
}
