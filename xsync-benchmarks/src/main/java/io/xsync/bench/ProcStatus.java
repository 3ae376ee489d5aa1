package io.xsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the memory figures of a process from Linux's {@code /proc/<pid>/status}. */
final class ProcStatus {
    private ProcStatus() {
    }

    /**
     * The value in kB of {@code field} (e.g. {@code VmRSS}, {@code VmHWM}) in the text of a status
     * file, whose lines read {@code VmHWM:\t  471232 kB}; -1 when the field is missing.
     */
    static long kb(String status, String field) {
        for (String line : status.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equals(field)) {
                String value = line.substring(colon + 1).trim();
                if (!value.endsWith(" kB")) {
                    throw new IllegalArgumentException("unexpected " + field + " line: " + line);
                }
                return Long.parseLong(value.substring(0, value.length() - 3).trim());
            }
        }
        return -1;
    }

    /** The value in MB of {@code field} of process {@code pid}; -1 when the process is gone or not on Linux. */
    static double mb(long pid, String field) {
        try {
            long kb = kb(Files.readString(Path.of("/proc", Long.toString(pid), "status")), field);
            return kb < 0 ? -1 : kb / 1024.0;
        } catch (IOException e) {
            return -1;
        }
    }
}
