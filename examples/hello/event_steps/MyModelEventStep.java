import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.api.Event;
import io.xsync.api.EventFormatException;
import io.xsync.api.EventStep;
import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import java.util.List;
import java.util.Map;

/**
 * Turns {"first_name": "John", "last_name": "Doe"} events on MyTopic into MyModel objects,
 * unless an object with those names exists already.
 */
public class MyModelEventStep extends EventStep {

    @Override
    public List<String> topics() {
        return List.of("MyTopic");
    }

    @Override
    public void processEvent(Event event) {
        JsonNode value = event.json();
        String first = text(event, value, "first_name");
        String last = text(event, value, "last_name");

        Model myModel = models().get("MyModel");
        if (!myModel.filter(Map.of("first_name", first, "last_name", last)).isEmpty()) {
            return;
        }
        ModelObject obj = myModel.newObject();
        obj.set("first_name", first);
        obj.set("last_name", last);
        // Moves `updated`, so sync steps observing MyModel (if any) run for the new object.
        obj.save(Save.alwaysUpdateTimestamp());
    }

    private static String text(Event event, JsonNode value, String field) {
        JsonNode node = value.get(field);
        if (node == null || !node.isTextual()) {
            throw new EventFormatException("event " + event.where() + " has no string field '" + field + "'");
        }
        return node.asText();
    }
}
