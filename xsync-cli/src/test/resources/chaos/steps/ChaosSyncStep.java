import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The backend: every record written is logged as "id version". */
public class ChaosSyncStep extends SyncStep {
    @Override
    public List<String> observes() {
        return List.of("Person");
    }

    @Override
    public void syncRecord(ModelObject p) throws Exception {
        log(p.id() + " " + p.getLong("version"));
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
