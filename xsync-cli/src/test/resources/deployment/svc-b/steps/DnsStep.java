import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Service B's backend: logs "DnsEntry id host vpn=synced|dirty" for every call, reading its
 * VpnService (a model of service A) through the model accessor.
 */
public class DnsStep extends SyncStep {
    @Override
    public List<String> observes() {
        return List.of("DnsEntry");
    }

    @Override
    public void syncRecord(ModelObject dns) throws Exception {
        ModelObject vpn = context().models().get("VpnService").get(dns.getLong("vpn_id")).orElseThrow();
        Instant enacted = vpn.getInstant("enacted");
        String state = enacted != null && !enacted.isBefore(vpn.getInstant("updated")) ? "synced" : "dirty";
        Files.writeString(Path.of(context().settings().get("log").toString()),
                "DnsEntry " + dns.id() + " " + dns.getString("host") + " vpn=" + state + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void deleteRecord(ModelObject dns) {
    }
}
