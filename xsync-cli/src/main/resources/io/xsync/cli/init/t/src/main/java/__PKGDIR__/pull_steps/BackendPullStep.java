package __PKG__.pull_steps;

import io.xsync.api.PullStep;
import io.xsync.api.Save;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import models.Item;

/**
 * Looks at the backend every 10 seconds: an Item that was synchronized (backend_code 1) but whose
 * file is gone is marked dirty again, so the sync step writes it back.
 */
public class BackendPullStep extends PullStep {

    @Override
    public Duration interval() {
        return Duration.ofSeconds(10);
    }

    @Override
    public void pullRecords() {
        Path dir = context().resolvePath(context().settings().getOrDefault("backend_dir", "data/backend").toString());
        for (Item item : Item.objects(models()).filter(Item.BACKEND_CODE.eq(1))) {
            if (!Files.exists(dir.resolve("Item-" + item.id() + ".json"))) {
                log().info("Backend file of Item {} is gone; marking it dirty", item.id());
                item.setBackendStatus("Backend file missing; resyncing");
                item.save(Save.updateFields("backend_status").withAlwaysUpdateTimestamp());
            }
        }
    }
}
