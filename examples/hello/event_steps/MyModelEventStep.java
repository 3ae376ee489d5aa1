import io.xsync.api.Event;
import io.xsync.api.EventStep;
import io.xsync.api.Save;
import io.xsync.api.typed.TypedModel;
import java.util.List;
import models.MyModel;

/**
 * Turns {"first_name": "John", "last_name": "Doe"} events on MyTopic into MyModel objects,
 * unless an object with those names exists already. MyModel is the class xsync generates from
 * models/hello.xproto.
 */
public class MyModelEventStep extends EventStep {

    @Override
    public List<String> topics() {
        return List.of("MyTopic");
    }

    @Override
    public void processEvent(Event event) {
        String firstName = event.string("first_name");
        String lastName = event.string("last_name");

        // See if the object already exists
        TypedModel<MyModel> people = MyModel.objects(models());
        if (people.exists(MyModel.FIRST_NAME.eq(firstName), MyModel.LAST_NAME.eq(lastName))) {
            return;
        }
        // Create a new object; moving `updated` makes the sync steps observing MyModel run for it
        people.create().setFirstName(firstName).setLastName(lastName).save(Save.alwaysUpdateTimestamp());
    }
}
