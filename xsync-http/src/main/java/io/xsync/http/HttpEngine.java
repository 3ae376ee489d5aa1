package io.xsync.http;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.api.XsyncException;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.EngineAware;
import io.xsync.runtime.spi.Readiness;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synchronizer's HTTP server (Jetty): REST model API, {@code /healthz}, {@code /readyz},
 * {@code /metrics} (Prometheus) and the status page. Reports every engine it is told about
 * that is a {@link Readiness} or a {@link StatusContributor}.
 */
public final class HttpEngine implements Engine, EngineAware {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEngine.class);

    private final String name;
    private final Store store;
    private final CompositeMeterRegistry registry;
    private final HttpSettings settings;
    private final List<Readiness> readiness = new CopyOnWriteArrayList<>();
    private final List<StatusContributor> contributors = new CopyOnWriteArrayList<>();
    private Server server;
    private ServerConnector connector;
    private MetricsSetup metrics;
    private final Time time;

    /**
     * @param name     the synchronizer name (shown in the status summary)
     * @param store    the model store
     * @param registry the synchronizer's registry; a Prometheus registry is added to it until stop
     * @param settings where and how to listen
     */
    public HttpEngine(String name, Store store, CompositeMeterRegistry registry, HttpSettings settings) {
        this(name, store, registry, settings, SystemTime.INSTANCE);
    }

    /** As {@link #HttpEngine(String, Store, CompositeMeterRegistry, HttpSettings)}, on {@code time}. */
    public HttpEngine(String name, Store store, CompositeMeterRegistry registry, HttpSettings settings, Time time) {
        this.time = time;
        this.name = name;
        this.store = store;
        this.registry = registry;
        this.settings = settings;
        readiness.add(store.health());
        // Plug Prometheus in before any engine starts, so no recording is lost to it.
        metrics = new MetricsSetup(registry, settings.limits().maxMeters());
    }

    /** The engine for a synchronizer, configured from its {@code http.*} keys. */
    public static HttpEngine of(SynchronizerContext context) {
        return new HttpEngine(context.name(), context.store(), context.metrics(),
                HttpSettings.from(context.config()), context.time());
    }

    @Override
    public String name() {
        return "http";
    }

    /** Adds a readiness check reported by {@code /readyz} and the status summary. */
    public void addReadiness(Readiness check) {
        readiness.add(check);
    }

    /** Adds a section to the status summary. */
    public void addStatusContributor(StatusContributor contributor) {
        contributors.add(contributor);
    }

    @Override
    public void engines(List<Engine> engines) {
        for (Engine e : engines) {
            if (e instanceof Readiness r && e != this) {
                addReadiness(r);
            }
            if (e instanceof StatusContributor c) {
                addStatusContributor(c);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("HTTP engine already started");
        }
        if (metrics == null) {
            metrics = new MetricsSetup(registry, settings.limits().maxMeters());
        }
        metrics.bind(store);
        StatusReport status = new StatusReport(name, store, () -> List.copyOf(contributors),
                () -> List.copyOf(readiness), time);
        QueuedThreadPool pool = new QueuedThreadPool(settings.limits().threads(), 2);
        pool.setName("xsync-http");
        server = new Server(pool);
        connector = connector(server);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(settings, store, status, () -> List.copyOf(readiness), metrics::scrape,
                registry, time));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new XsyncException("HTTP server cannot listen on " + settings.bind() + ":" + settings.port()
                    + ": " + e.getMessage() + " (see http.bind / http.port)", e);
        }
        warnAboutAccess();
        LOG.info("HTTP server on {} (status page, /api, /metrics, /healthz, /readyz)", uri());
    }

    private ServerConnector connector(Server srv) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(settings.limits().maxHeaderBytes());
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("xsync-http-scheduler", true);
        ServerConnector c;
        if (settings.tls()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(settings.keystore().toString());
            ssl.setKeyStoreType("PKCS12");
            if (settings.keystorePassword() != null) {
                ssl.setKeyStorePassword(settings.keystorePassword());
            }
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            c = new ServerConnector(srv, null, scheduler, null, 1, 1,
                    new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            c = new ServerConnector(srv, null, scheduler, null, 1, 1, new HttpConnectionFactory(http));
        }
        c.setHost(settings.bind());
        c.setPort(settings.port());
        c.setName("xsync-http");
        c.setIdleTimeout(settings.limits().idleTimeout().toMillis());
        return c;
    }

    private void warnAboutAccess() {
        boolean credentials = settings.token() != null
                || (settings.username() != null && settings.password() != null);
        if (!credentials && !settings.anonymousWrites()) {
            LOG.info("HTTP writes are disabled: set http.username/http.password or http.token to allow them");
        }
        if (settings.anonymousWrites()) {
            LOG.warn("HTTP accepts writes without credentials (http.anonymous_writes: true)");
        }
    }

    /** The port listened on (the real one when the config said 0); -1 when not running. */
    public synchronized int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8181/}. */
    public URI uri() {
        return settings.clientUri(port());
    }

    @Override
    public synchronized void stop(Duration timeout) {
        if (server == null) {
            return;
        }
        server.setStopTimeout(timeout.toMillis());
        stopQuietly();
        LOG.info("HTTP server stopped");
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
        if (metrics != null) {
            metrics.close();
        }
        server = null;
        connector = null;
        metrics = null;
    }
}
