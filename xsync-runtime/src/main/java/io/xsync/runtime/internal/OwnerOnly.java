package io.xsync.runtime.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only permissions for what xsync keeps on disk, whatever the umask: directories 0700,
 * files 0600. A no-op on file systems without POSIX permissions.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Creates {@code dir} (and missing parents) as 0700, or makes an existing one 0700. */
    public static void directory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (Files.notExists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
        }
        restrict(dir, DIR);
    }

    /** Makes an existing file 0600. */
    public static void file(Path file) throws IOException {
        if (POSIX) {
            restrict(file, FILE);
        }
    }

    private static void restrict(Path p, Set<PosixFilePermission> wanted) throws IOException {
        if (!Files.getPosixFilePermissions(p).equals(wanted)) {
            Files.setPosixFilePermissions(p, wanted);
        }
    }
}
