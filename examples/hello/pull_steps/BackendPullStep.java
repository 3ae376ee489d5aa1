import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.PullStep;
import io.xsync.api.Save;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks at the hello backend directory: logs how many files it holds when that changes, and marks MyModel objects
 * that were synchronized (backend_code 1) but whose file has disappeared as dirty again, so the
 * sync step writes the file back.
 */
public class BackendPullStep extends PullStep {
    private long lastCount = -1;

    @Override
    public void pullRecords() throws Exception {
        Path dir = context().resolvePath(context().settings().getOrDefault("backend_dir", "data/backend").toString());
        long count = countFiles(dir);
        if (count != lastCount) {
            log().info("backend {} holds {} files", dir, count);
            lastCount = count;
        }
        Model myModel = models().get("MyModel");
        for (ModelObject obj : myModel.filter(Map.of("backend_code", 1))) {
            if (!Files.exists(dir.resolve("MyModel-" + obj.id() + ".json"))) {
                log().info("backend file of MyModel {} is gone; marking it dirty", obj.id());
                obj.set("backend_status", "Backend file missing; resyncing");
                obj.save(Save.updateFields("backend_status").withAlwaysUpdateTimestamp());
            }
        }
    }

    private static long countFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }
}
