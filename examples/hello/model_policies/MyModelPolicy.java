import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import io.xsync.api.typed.TypedModel;
import models.Greeting;
import models.MyModel;

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
        MyModel person = MyModel.wrap(obj);
        TypedModel<Greeting> greetings = Greeting.objects(models());
        if (greetings.exists(Greeting.MYMODEL.eq(person))) {
            return;
        }
        greetings.create()
                .setMymodel(person)
                .setText("Hello, " + person.getFirstName() + " " + person.getLastName())
                .setNoSync(true)
                .save();
    }
}
