import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The core's backend: logs "Site id name" for every call. */
public class SiteStep extends SyncStep {
    @Override
    public List<String> observes() {
        return List.of("Site");
    }

    @Override
    public void syncRecord(ModelObject site) throws Exception {
        Files.writeString(Path.of(context().settings().get("log").toString()),
                "Site " + site.id() + " " + site.getString("name") + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void deleteRecord(ModelObject site) {
    }
}
