import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Service A's backend: logs "VpnService id label site=synced|dirty" for every call, reading its
 * Site (a model of the core synchronizer) through the model accessor.
 */
public class VpnStep extends SyncStep {
    @Override
    public List<String> observes() {
        return List.of("VpnService");
    }

    @Override
    public void syncRecord(ModelObject vpn) throws Exception {
        ModelObject site = context().models().get("Site").get(vpn.getLong("site_id")).orElseThrow();
        Files.writeString(Path.of(context().settings().get("log").toString()),
                "VpnService " + vpn.id() + " " + vpn.getString("label") + " site=" + state(site) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String state(ModelObject o) {
        Instant enacted = o.getInstant("enacted");
        return enacted != null && !enacted.isBefore(o.getInstant("updated")) ? "synced" : "dirty";
    }

    @Override
    public void deleteRecord(ModelObject vpn) {
    }
}
