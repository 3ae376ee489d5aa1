import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** The backend: every record written is logged as "id version epoch-microseconds". */
public class ChaosSyncStep extends SyncStep {
    @Override
    public List<String> observes() {
        return List.of("Person");
    }

    @Override
    public void syncRecord(ModelObject p) throws Exception {
        Instant now = Instant.now();
        log(p.id() + " " + p.getLong("version") + " " + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
    }

    @Override
    public void deleteRecord(ModelObject p) {
    }

    private synchronized void log(String line) throws IOException {
        Path dir = Path.of(context().settings().get("log_dir").toString());
        Files.writeString(dir.resolve("sync-" + ProcessHandle.current().pid() + ".log"), line + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
