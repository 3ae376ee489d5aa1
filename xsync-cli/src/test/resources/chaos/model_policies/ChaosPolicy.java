import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * One greeting per person, kept at the person's version. Each run records a PolicyRun in its own
 * transaction (so only runs that committed count), and every call, committed or not, is logged
 * as "id version".
 */
public class ChaosPolicy extends Policy {
    @Override
    public String modelName() {
        return "Person";
    }

    @Override
    public void handleCreate(ModelObject p) throws Exception {
        handleUpdate(p);
    }

    @Override
    public void handleUpdate(ModelObject p) throws Exception {
        log(p.id() + " " + p.getLong("version"));
        Model greetings = models().get("Greeting");
        List<ModelObject> found = greetings.filter(Map.of("person", p.id()));
        ModelObject g = found.isEmpty() ? greetings.newObject().set("person", p)
                .set("person_key", Long.toString(p.id())).set("no_sync", true) : found.get(0);
        g.set("text", "Hello " + p.getString("first_name") + " v" + p.getLong("version"));
        g.save();
        models().get("PolicyRun").newObject().set("person", p).set("version", p.getLong("version"))
                .set("no_sync", true).save();
    }

    private synchronized void log(String line) throws IOException {
        Path dir = Path.of(context().settings().get("log_dir").toString());
        Files.writeString(dir.resolve("policy-" + ProcessHandle.current().pid() + ".log"), line + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
