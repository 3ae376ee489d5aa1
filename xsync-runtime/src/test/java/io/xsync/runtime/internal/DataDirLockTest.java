package io.xsync.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.XsyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void secondOwnerIsRefusedWithTheHoldersPidUntilTheFirstCloses() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirLock first = DataDirLock.acquire(data, "xsync run")) {
            assertThat(Files.readString(data.resolve(DataDirLock.FILE_NAME)).trim())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> DataDirLock.acquire(data, "the embedded Kafka broker"))
                    .isInstanceOf(XsyncException.class)
                    .hasMessage("data directory " + data.toAbsolutePath() + " is in use by another xsync process (pid "
                            + ProcessHandle.current().pid() + "); the embedded Kafka broker needs it for itself: "
                            + "stop that process or give this one another data_dir");
        }
        DataDirLock.acquire(data, "xsync run").close();
    }
}
