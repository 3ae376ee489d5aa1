package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 store keeps its files owner-only and serves other processes on loopback only. */
class H2FilesIT {
    @TempDir
    Path tmp;

    @Test
    void databaseFilesAreOwnerOnlyEvenInADirectoryOpenToOthers() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectory(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (JdbcStore store = JdbcStore.open(StoreSettings.h2File(dataDir), TestSchemas.chain())) {
            assertThat(perms(dataDir)).as("an existing directory is left alone").isEqualTo("rwxr-xr-x");
            assertThat(perms(dataDir.resolve("xsync.mv.db"))).isEqualTo("rw-------");
            assertThat(perms(dataDir.resolve("xsync.lock.db"))).isEqualTo("rw-------");
        }
    }

    @Test
    void missingDataDirectoryIsCreatedOwnerOnly() throws Exception {
        Path dataDir = tmp.resolve("a/b/data");
        try (JdbcStore store = JdbcStore.open(StoreSettings.h2File(dataDir), TestSchemas.chain())) {
            assertThat(perms(dataDir)).isEqualTo("rwx------");
            assertThat(perms(tmp.resolve("a"))).as("missing parents too").isEqualTo("rwx------");
            assertThat(perms(dataDir.resolve("xsync.mv.db"))).isEqualTo("rw-------");
        }
    }

    @Test
    void autoServerListensOnLoopbackOnly() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (JdbcStore store = JdbcStore.open(StoreSettings.h2File(dataDir), TestSchemas.chain())) {
            Properties lock = new Properties();
            try (InputStream in = Files.newInputStream(dataDir.resolve("xsync.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            assertThat(server).as("address the lock file advertises").matches("(127\\.0\\.0\\.1|localhost):\\d+");
            int port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                assertThat(s.isConnected()).isTrue();
            }
            InetAddress external = nonLoopbackAddress();
            if (external != null) {
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(external, port), 2000);
                    }
                }).as("connecting on " + external).isInstanceOf(ConnectException.class);
            }
        }
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** An IPv4 address of this machine that is not loopback, or null when it has none. */
    private static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return null;
    }
}
