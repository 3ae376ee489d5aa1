import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import java.util.Map;

/**
 * Derives one Greeting per MyModel object. Greetings are declarative state only: they are saved
 * with no_sync, so no sync step acts on them, and they are deleted with their person (the link
 * cascades).
 */
public class MyModelPolicy extends Policy {

    @Override
    public String modelName() {
        return "MyModel";
    }

    @Override
    public void handleCreate(ModelObject obj) {
        Model greetings = models().get("Greeting");
        if (!greetings.filter(Map.of("mymodel_id", obj.id())).isEmpty()) {
            return;
        }
        ModelObject greeting = greetings.newObject();
        greeting.set("mymodel", obj);
        greeting.set("text", "Hello, " + obj.getString("first_name") + " " + obj.getString("last_name"));
        greeting.set("no_sync", true);
        greeting.save();
    }
}
