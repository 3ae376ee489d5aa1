package io.xsync.kafka;

import io.xsync.api.XsyncException;
import io.xsync.runtime.internal.DataDirLock;
import io.xsync.runtime.internal.OwnerOnly;
import io.xsync.runtime.time.Deadline;
import io.xsync.runtime.time.SystemTime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM.
 * Used by {@code event_bus.endpoint: embedded}, by {@code xsync kafka} and by the tests. The log
 * lives under the given data directory and survives restarts; the broker listens on 127.0.0.1.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
 *     kafka.createTopic("MyTopic", 3);
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";

    private final Path dataDir;
    private final int port;
    private final KafkaRaftServer server;
    private final DataDirLock lock;
    private volatile boolean closed;

    private EmbeddedKafka(Path dataDir, int port, KafkaRaftServer server, DataDirLock lock) {
        this.lock = lock;
        this.dataDir = dataDir;
        this.port = port;
        this.server = server;
    }

    /**
     * Formats {@code dataDir} if needed and starts the broker; returns once it accepts clients.
     *
     * @param port the client port on 127.0.0.1; 0 picks a free one
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with extra broker properties that override the defaults. */
    public static EmbeddedKafka start(Path dataDir, int port, Map<String, String> overrides) {
        // first, so that a second broker on this directory leaves the first one's metadata alone
        DataDirLock lock = DataDirLock.acquire(dataDir, "the embedded Kafka broker");
        try {
            return start(dataDir, port, overrides, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedKafka start(Path dataDir, int port, Map<String, String> overrides, DataDirLock lock) {
        long t0 = SystemTime.INSTANCE.nanoTime(); // real time: how long a real broker took
        int clientPort = port == 0 ? freePort() : requireFree(port);
        int controllerPort = freePort();
        try {
            OwnerOnly.directory(dataDir);
            Properties props = brokerProperties(dataDir, clientPort, controllerPort);
            props.putAll(overrides);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            format(dataDir);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(dataDir, clientPort, server, lock);
            kafka.awaitReady(Duration.ofSeconds(60));
            LOG.info("embedded Kafka broker listening on {}:{} (data {}), started in {} ms", HOST, clientPort,
                    dataDir, TimeUnit.NANOSECONDS.toMillis(SystemTime.INSTANCE.nanoTime() - t0));
            return kafka;
        } catch (IOException e) {
            throw new XsyncException("embedded Kafka: cannot use data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new XsyncException("embedded Kafka on port " + clientPort + " failed to start: " + e.getMessage(), e);
        }
    }

    private static Properties brokerProperties(Path dataDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir(dataDir).toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        // a single node: every internal topic must make do with one replica, or groups hang
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        return p;
    }

    private static Path logDir(Path dataDir) {
        return dataDir.resolve("log");
    }

    private static void format(Path dataDir) {
        String dir = logDir(dataDir).toString();
        if (Files.exists(logDir(dataDir).resolve("meta.properties"))) {
            return; // formatted by an earlier run: keep its cluster id
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new XsyncException("embedded Kafka: cannot format " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the broker answers metadata requests. */
    private void awaitReady(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        try (Admin admin = admin()) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (deadline.expired()) {
                        throw new XsyncException("embedded Kafka did not become ready within " + timeout, e);
                    }
                    sleep(100);
                }
            }
        }
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** Where the broker keeps its log. */
    public Path dataDir() {
        return dataDir;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * Creates a topic (no error if it exists) and waits until its metadata shows every partition
     * with a leader, so that producing right away loses nothing.
     */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = admin()) {
            createTopic(admin, topic, partitions);
        }
    }

    /** As {@link #createTopic(String, int)}, with the caller's admin client. */
    public static void createTopic(Admin admin, String topic, int partitions) {
        try {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitTopic(admin, topic, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XsyncException("interrupted while creating topic " + topic, e);
        } catch (Exception e) {
            throw new XsyncException("cannot create topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void awaitTopic(Admin admin, String topic, int partitions) throws InterruptedException {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30));
        while (!deadline.expired()) {
            try {
                var description = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                        .get(topic);
                if (description.partitions().size() >= partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not there yet
            }
            Thread.sleep(50);
        }
        throw new XsyncException("topic " + topic + " has no leader for every partition after 30 s");
    }

    /** Stops the broker and waits for it; the data directory stays. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        lock.close();
        LOG.info("embedded Kafka broker on {}:{} stopped", HOST, port);
    }

    /** Blocks until the broker shuts down (for the standalone command). */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    /**
     * {@code port} if nothing listens on it yet; otherwise one clear error before the broker starts
     * (the broker's own failure is a page of stack traces that never names the port).
     */
    static int requireFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return port;
        } catch (IOException e) {
            throw new XsyncException("embedded Kafka: port " + HOST + ":" + port + " is already in use"
                    + " (another broker, or another xsync run?); set event_bus.embedded_port to a free port, or 0 for any");
        }
    }

    /** A currently free port on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new XsyncException("no free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XsyncException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }
}
