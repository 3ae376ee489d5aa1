package __PKG__.steps;

import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import models.Item;

/**
 * Drives the backend, a directory of files: each Item is the file Item-&lt;id&gt;.json in
 * {@code steps.ItemSyncStep.backend_dir} (relative to the config file). Writing and removing the
 * file are idempotent, as sync steps must be.
 */
public class ItemSyncStep extends SyncStep {

    @Override
    public List<String> observes() {
        return List.of("Item");
    }

    @Override
    public void syncRecord(ModelObject obj) throws Exception {
        Item item = Item.wrap(obj);
        Path file = file(backendDir(), item.id());
        Files.createDirectories(file.getParent());
        String json = "{\"id\":" + item.id() + ",\"name\":\"" + item.getName().replace("\"", "\\\"")
                + "\",\"quantity\":" + item.getQuantity() + "}\n";
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    @Override
    public void deleteRecord(ModelObject obj) throws Exception {
        Files.deleteIfExists(file(backendDir(), obj.id()));
    }

    /** The backend file of the item with this id. */
    public static Path file(Path backendDir, long id) {
        return backendDir.resolve("Item-" + id + ".json");
    }

    private Path backendDir() {
        return context().resolvePath(context().settings().getOrDefault("backend_dir", "data/backend").toString());
    }
}
