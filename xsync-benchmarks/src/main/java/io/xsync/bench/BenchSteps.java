package io.xsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.api.Event;
import io.xsync.api.EventStep;
import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import io.xsync.runtime.time.SystemTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** The event steps the events benchmark runs. */
final class BenchSteps {
    private BenchSteps() {
    }

    /** An event step listening on one topic. */
    private abstract static class OnTopic extends EventStep {
        private final String topic;

        OnTopic(String topic) {
            this.topic = topic;
        }

        @Override
        public List<String> topics() {
            return List.of(topic);
        }
    }

    /** Does nothing: measures the engine alone. */
    static final class NoOp extends OnTopic {
        NoOp(String topic) {
            super(topic);
        }

        @Override
        public void processEvent(Event event) {
        }
    }

    /** The seed's step: parse, look the person up, create it when missing. */
    static final class MyModelStep extends OnTopic {
        MyModelStep(String topic) {
            super(topic);
        }

        @Override
        public void processEvent(Event event) {
            JsonNode v = event.json();
            String first = v.path("first_name").asText();
            String last = v.path("last_name").asText();
            Model myModel = models().get("MyModel");
            if (!myModel.filter(Map.of("first_name", first, "last_name", last)).isEmpty()) {
                return;
            }
            ModelObject obj = myModel.newObject();
            obj.set("first_name", first);
            obj.set("last_name", last);
            obj.save(Save.alwaysUpdateTimestamp());
        }
    }

    /**
     * The seed's step written with the batch API: one lookup for the whole batch
     * ({@code first_name__in}), then the missing people (each once) saved with one
     * {@code saveAll}.
     */
    static final class MyModelBatchStep extends OnTopic {
        MyModelBatchStep(String topic) {
            super(topic);
        }

        @Override
        public void processEvent(Event event) {
            processEvents(List.of(event));
        }

        @Override
        public void processEvents(List<Event> events) {
            Map<String, String[]> wanted = new LinkedHashMap<>();
            for (Event event : events) {
                JsonNode v = event.json();
                String first = v.path("first_name").asText();
                String last = v.path("last_name").asText();
                wanted.putIfAbsent(first + '\u0000' + last, new String[] {first, last});
            }
            Model myModel = models().get("MyModel");
            List<String> firstNames = wanted.values().stream().map(n -> n[0]).distinct().toList();
            for (ModelObject known : myModel.filter(Map.of("first_name__in", firstNames))) {
                wanted.remove(known.getString("first_name") + '\u0000' + known.getString("last_name"));
            }
            List<ModelObject> created = new ArrayList<>(wanted.size());
            for (String[] name : wanted.values()) {
                ModelObject obj = myModel.newObject();
                obj.set("first_name", name[0]);
                obj.set("last_name", name[1]);
                created.add(obj);
            }
            myModel.saveAll(created, Save.alwaysUpdateTimestamp());
        }
    }

    /** Notes when each event (key = its number) reached processEvent. */
    static final class Arrival extends OnTopic {
        private final AtomicLongArray arrived;

        Arrival(String topic, AtomicLongArray arrived) {
            super(topic);
            this.arrived = arrived;
        }

        @Override
        public void processEvent(Event event) {
            long now = SystemTime.INSTANCE.nanoTime();
            int i = Integer.parseInt(event.keyText());
            if (i >= 0 && i < arrived.length()) {
                arrived.set(i, now);
            }
        }
    }
}
