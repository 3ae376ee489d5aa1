import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Drives the hello-service "backend", a directory of badge files: each Badge object is the file
 * Badge-&lt;id&gt;.txt in {@code steps.BadgeSyncStep.backend_dir}, with the name of its person read
 * from hello's MyModel through the model accessor. A badge is synced only once its person is:
 * while hello has not synced the MyModel, the badge waits.
 */
public class BadgeSyncStep extends SyncStep {

    @Override
    public List<String> observes() {
        return List.of("Badge");
    }

    @Override
    public void syncRecord(ModelObject badge) throws Exception {
        ModelObject person = context().models().get("MyModel").get(badge.getLong("person_id")).orElseThrow();
        Path dir = backendDir();
        Files.createDirectories(dir);
        String text = person.getString("first_name") + " " + person.getString("last_name") + ": "
                + badge.getString("label") + "\n";
        Files.writeString(file(dir, badge), text, StandardCharsets.UTF_8);
        log().debug("wrote {}", file(dir, badge));
    }

    @Override
    public void deleteRecord(ModelObject badge) throws Exception {
        Files.deleteIfExists(file(backendDir(), badge));
    }

    private static Path file(Path dir, ModelObject badge) {
        return dir.resolve("Badge-" + badge.id() + ".txt");
    }

    private Path backendDir() {
        Object dir = context().settings().getOrDefault("backend_dir", "data/backend");
        return context().resolvePath(dir.toString());
    }
}
