import io.xsync.api.PullStep;
import io.xsync.api.Save;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import models.MyModel;

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
        for (MyModel person : MyModel.objects(models()).filter(MyModel.BACKEND_CODE.eq(1))) {
            if (!Files.exists(dir.resolve("MyModel-" + person.id() + ".json"))) {
                log().info("backend file of MyModel {} is gone; marking it dirty", person.id());
                person.setBackendStatus("Backend file missing; resyncing");
                person.save(Save.updateFields("backend_status").withAlwaysUpdateTimestamp());
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
