package io.xsync.runtime.internal;

import io.xsync.api.XsyncException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive ownership of a data directory by one process: an operating-system lock on the file
 * {@value #FILE_NAME} in the directory, which holds the owner's pid. The lock goes away with the
 * process, however it ends (also {@code kill -9}), so a stale file never blocks a restart. A
 * second process (or a second owner in the same JVM) is refused with one line naming the
 * holder's pid, before it has changed anything in the directory.
 */
public final class DataDirLock implements AutoCloseable {
    /** The lock file's name inside the locked directory. */
    public static final String FILE_NAME = "xsync.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (created if missing) for this process. {@code user} says what wants it
     * ({@code "xsync run"}, {@code "the embedded Kafka broker"}) for the message.
     *
     * @throws XsyncException when another owner holds it, naming the holder's pid
     */
    public static DataDirLock acquire(Path dir, String user) {
        Path abs = dir.toAbsolutePath().normalize();
        Path file = abs.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            OwnerOnly.directory(abs);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another owner in this JVM
            }
            if (lock == null) {
                String holder = holderPid(ch);
                ch.close();
                throw new XsyncException("data directory " + abs + " is in use by another xsync process (pid "
                        + holder + "); " + user + " needs it for itself: stop that process or give this one another "
                        + "data_dir");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new DataDirLock(abs, ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new XsyncException("cannot lock data directory " + abs + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** The pid written by the holder, or "unknown" if it cannot be read. */
    private static String holderPid(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(64);
            int n = ch.read(buf, 0);
            String pid = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** The locked directory. */
    public Path dir() {
        return dir;
    }

    /** Releases the lock (the file stays; it is harmless without the lock). Idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }
}
