package io.xsync.kafka;

import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows whether the broker answers: a thread of its own ({@code xsync-kafka-probe}) asks for the
 * cluster id every {@link #INTERVAL}. A broker that is down, unreachable or frozen (a stopped
 * process keeps its connections open, so counting connections does not see it) stops
 * answering; after {@link #GRACE} without an answer the probe logs one warning per
 * {@code events.outage_log_interval} and {@link #answering()} is false until it answers again.
 */
final class BrokerProbe implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration GRACE = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);
    /** It times a real broker: on real time, never a manual clock (which would hide an outage). */
    private static final Time REAL = SystemTime.INSTANCE;

    private final EventSettings settings;
    private final Admin admin;
    private final IntervalLog outageLog;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastAnswer = REAL.nanoTime();
    private volatile boolean everAnswered;

    BrokerProbe(EventSettings settings) {
        this.settings = settings;
        this.admin = Admin.create(adminProperties(settings));
        this.outageLog = new IntervalLog(settings.outageLogInterval(), REAL);
        this.thread = new Thread(this::loop, "xsync-kafka-probe");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the broker answered within the last {@link #GRACE} (true before the first check is due). */
    boolean answering() {
        return silentNanos() < GRACE.toNanos();
    }

    /** Seconds since the broker last answered (since the probe started, if it never did). */
    long silentSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(silentNanos());
    }

    private long silentNanos() {
        return REAL.nanoTime() - lastAnswer;
    }

    private void loop() {
        while (running) {
            long started = REAL.nanoTime();
            if (ask()) {
                if (!answering() && outageLog.reset()) {
                    LOG.info("Kafka at {} answers again after {} s", settings.bootstrap(), silentSeconds());
                }
                lastAnswer = REAL.nanoTime();
                everAnswered = true;
            } else if (!answering() && outageLog.due()) {
                LOG.warn("Kafka at {} {} for {} s (down, unreachable or not responding); still trying, "
                        + "events resume where they stopped", settings.bootstrap(),
                        everAnswered ? "has not answered" : "has never answered", silentSeconds());
            }
            long left = INTERVAL.toNanos() - (REAL.nanoTime() - started);
            if (left > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private boolean ask() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) GRACE.toMillis()))
                    .clusterId().get(GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } catch (Exception e) {
            LOG.debug("broker probe: {}", e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            admin.close(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debug("broker probe close: {}", e.toString());
        }
    }

    static Map<String, Object> adminProperties(EventSettings settings) {
        Map<String, Object> p = new HashMap<>(settings.clientProperties());
        p.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "xsync." + settings.synchronizer() + ".probe");
        return p;
    }
}
