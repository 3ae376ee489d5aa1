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

    /**
     * Creates {@code dir} and its missing parents as 0700. An existing directory is left as it is
     * (it may be shared on purpose); {@link #opensToOthers} tells whether it lets others in.
     */
    public static void directory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
        } else if (Files.notExists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
        }
    }

    /** Whether group or others may read, write or enter {@code path}. */
    public static boolean opensToOthers(Path path) throws IOException {
        if (!POSIX) {
            return false;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(path);
        p.retainAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE));
        return !p.isEmpty();
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
