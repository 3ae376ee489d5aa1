import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import models.MyModel;

/**
 * Drives the hello "backend", a directory of files: each MyModel object is the file
 * MyModel-&lt;id&gt;.json in {@code steps.MyModelSyncStep.backend_dir} (relative to the
 * config file's directory; default data/backend). Writing and removing the file are both idempotent.
 * A person whose last_name is "Fail" makes syncRecord throw, to show error handling and backoff.
 */
public class MyModelSyncStep extends SyncStep {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<String> observes() {
        return List.of("MyModel");
    }

    @Override
    public void syncRecord(ModelObject obj) throws Exception {
        MyModel person = MyModel.wrap(obj);
        if ("Fail".equals(person.getLastName())) {
            throw new IllegalStateException("the backend refuses people named Fail");
        }
        Path dir = backendDir();
        Files.createDirectories(dir);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", person.id());
        record.put("first_name", person.getFirstName());
        record.put("last_name", person.getLastName());
        Files.writeString(file(dir, obj), JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8);
        log().debug("wrote {}", file(dir, obj));
    }

    @Override
    public void deleteRecord(ModelObject obj) throws Exception {
        Files.deleteIfExists(file(backendDir(), obj));
    }

    /** The backend file of one object. */
    static Path file(Path dir, ModelObject obj) {
        return dir.resolve("MyModel-" + obj.id() + ".json");
    }

    /** The backend directory from the step's settings. */
    private Path backendDir() {
        Object dir = context().settings().getOrDefault("backend_dir", "data/backend");
        return context().resolvePath(dir.toString());
    }
}
