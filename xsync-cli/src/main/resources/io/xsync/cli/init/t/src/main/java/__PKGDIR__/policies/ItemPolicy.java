package __PKG__.policies;

import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import io.xsync.api.Save;
import models.Item;

/** Keeps every Item's label in step with its quantity and name ("3 x bolt"). */
public class ItemPolicy extends Policy {

    @Override
    public String modelName() {
        return "Item";
    }

    @Override
    public void handleCreate(ModelObject obj) {
        label(Item.wrap(obj));
    }

    @Override
    public void handleUpdate(ModelObject obj) {
        label(Item.wrap(obj));
    }

    private static void label(Item item) {
        String label = item.getQuantity() + " x " + item.getName();
        if (!label.equals(item.getLabel())) {
            item.setLabel(label).save(Save.updateFields("label"));
        }
    }
}
