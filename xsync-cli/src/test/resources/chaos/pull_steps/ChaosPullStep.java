import io.xsync.api.PullStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Logs each run as "start end" (epoch ms), so the test can see which replica ran when. */
public class ChaosPullStep extends PullStep {
    @Override
    public void pullRecords() throws Exception {
        long start = System.currentTimeMillis();
        Thread.sleep(20);
        Path dir = Path.of(context().settings().get("log_dir").toString());
        Files.writeString(dir.resolve("pull-" + ProcessHandle.current().pid() + ".log"),
                start + " " + System.currentTimeMillis() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
