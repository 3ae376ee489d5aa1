package io.xsync.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a database, for outage tests on a server other tests share: while
 * {@link #down() down} it closes every proxied connection and refuses new ones (as a stopped
 * PostgreSQL does); {@link #up()} listens again on the same port. Threads are daemons named
 * {@code proxy-*}.
 *
 * <pre>{@code
 * try (DroppingProxy proxy = DroppingProxy.to("127.0.0.1", 5432)) {
 *     String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?user=postgres";
 *     ...; proxy.down(); ...; proxy.up();
 * }
 * }</pre>
 */
public final class DroppingProxy implements AutoCloseable {
    private static final java.util.regex.Pattern AUTHORITY =
            java.util.regex.Pattern.compile("//([^/:]+)(?::(\\d+))?/");
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private DroppingProxy(String targetHost, int targetPort, ServerSocket server) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = server;
        this.port = server.getLocalPort();
        acceptOn(server);
    }

    /** A proxy on a free local port forwarding to {@code host:port}, up. */
    public static DroppingProxy to(String host, int port) {
        return new DroppingProxy(host, port, listen(0));
    }

    /**
     * A proxy in front of the server of a JDBC URL ({@code jdbc:postgresql://host:port/...});
     * {@link #rewrite(String)} turns the URL into one that goes through the proxy.
     */
    public static DroppingProxy forJdbcUrl(String url) {
        java.util.regex.Matcher m = AUTHORITY.matcher(url);
        if (!m.find()) {
            throw new IllegalArgumentException("no host:port in " + url);
        }
        return to(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    /** The JDBC URL with its host and port replaced by this proxy's. */
    public String rewrite(String url) {
        return AUTHORITY.matcher(url).replaceFirst("//127.0.0.1:" + port + "/");
    }

    /** The local port clients connect to. */
    public int port() {
        return port;
    }

    /** Drops every connection and refuses new ones until {@link #up()}. */
    public synchronized void down() {
        closeQuietly(server);
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** Accepts and forwards connections again, on the same port. */
    public synchronized void up() {
        if (server.isClosed()) {
            server = listen(port);
            acceptOn(server);
        }
    }

    @Override
    public void close() {
        down();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("proxy cannot listen on port " + port, e);
        }
    }

    private void acceptOn(ServerSocket s) {
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    Socket target;
                    try {
                        target = new Socket(targetHost, targetPort);
                    } catch (IOException e) {
                        closeQuietly(client);
                        continue;
                    }
                    open.add(client);
                    open.add(target);
                    pipe(client, target);
                    pipe(target, client);
                } catch (IOException e) {
                    // closed by down(), or the target refused: the client sees its connection end
                }
            }
        }, "proxy-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-pipe-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
