package io.xsync.runtime.store;

import io.xsync.runtime.internal.OwnerOnly;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded H2 database private to its owner. Its directory is created 0700 and its files
 * are made 0600 whatever the umask (the lock file holds the key of the database's TCP server), and the TCP
 * server that {@code AUTO_SERVER} starts so other local processes can share the file listens on
 * 127.0.0.1 only (H2's {@code h2.bindAddress}, unless the operator set it).
 */
final class H2Files {
    private static final Logger LOG = LoggerFactory.getLogger(H2Files.class);
    /** The system property H2 reads, once, for the address its servers bind and advertise. */
    static final String BIND_ADDRESS = "h2.bindAddress";

    static {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
    }

    private H2Files() {
    }

    /** Makes sure H2 binds its server to loopback; call before H2 is first used (class init does it). */
    static void bindLoopback() {
        // the static initializer did the work
    }

    /** The database file's base path of a {@code jdbc:h2:file:} URL, or null for other URLs. */
    static Path databasePath(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String rest = url.substring("jdbc:h2:file:".length());
        int semicolon = rest.indexOf(';');
        return Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon)).toAbsolutePath();
    }

    /**
     * Creates the database's directory owner-only (0700) when it is missing; an existing directory
     * that lets others in is left alone (it may be shared on purpose) with one log line.
     */
    static void prepareDirectory(Path database) {
        Path dir = database.getParent();
        try {
            OwnerOnly.directory(dir);
            if (OwnerOnly.opensToOthers(dir)) {
                LOG.info("store directory {} is open to other users; the store files in it are made owner-only",
                        dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the store directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes the database's files ({@code <base>.*}) owner-only (0600). */
    static void restrictFiles(Path database) {
        Path dir = database.getParent();
        String prefix = database.getFileName().toString() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f))) {
            for (Path f : files) {
                OwnerOnly.file(f);
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the store files in " + dir + " owner-only: " + e.getMessage(), e);
        }
    }
}
