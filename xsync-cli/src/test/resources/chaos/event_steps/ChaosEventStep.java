import io.xsync.api.Event;
import io.xsync.api.EventStep;
import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import java.util.List;
import java.util.Map;

/** Each event names a person: created with applied = 1; applied counts any further application. */
public class ChaosEventStep extends EventStep {
    @Override
    public List<String> topics() {
        return List.of("Chaos");
    }

    @Override
    public void processEvent(Event event) {
        String first = event.json().get("first_name").asText();
        String last = event.json().get("last_name").asText();
        Model people = models().get("Person");
        List<ModelObject> found = people.filter(Map.of("first_name", first, "last_name", last));
        ModelObject p = found.isEmpty() ? people.newObject().set("first_name", first).set("last_name", last)
                : found.get(0);
        p.set("applied", (found.isEmpty() ? 0 : p.getLong("applied")) + 1);
        p.save(Save.alwaysUpdateTimestamp());
    }
}
