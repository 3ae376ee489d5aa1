package __PKG__.event_steps;

import io.xsync.api.Event;
import io.xsync.api.EventStep;
import io.xsync.api.Save;
import io.xsync.api.typed.TypedModel;
import java.util.List;
import models.Item;

/**
 * Turns {"name": "bolt", "quantity": 3} events on the topic "items" into Item objects: a new
 * name creates one, a known name updates its quantity.
 */
public class ItemEventStep extends EventStep {

    @Override
    public List<String> topics() {
        return List.of("items");
    }

    @Override
    public void processEvent(Event event) {
        String name = event.string("name");
        int quantity = event.json().path("quantity").asInt(1);
        TypedModel<Item> items = Item.objects(models());
        Item item = items.first(Item.NAME.eq(name)).orElseGet(() -> items.create().setName(name));
        // moving `updated` makes the sync step run for the item
        item.setQuantity(quantity).save(Save.alwaysUpdateTimestamp());
    }
}
