package io.xsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One event from the bus, as {@link EventStep#processEvent(Event)} receives it. */
public final class Event {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final int partition;
    private final long offset;
    private final byte[] key;
    private final byte[] value;
    private final Instant timestamp;
    private final Map<String, byte[]> headers;

    /** Built by the event engine; {@code timestamp} may be null when the bus has none. */
    public Event(String topic, int partition, long offset, byte[] key, byte[] value,
                 Instant timestamp, Map<String, byte[]> headers) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** The raw key, or null. */
    public byte[] key() {
        return key;
    }

    /** The key decoded as UTF-8, or null. */
    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The raw value, or null for a tombstone. */
    public byte[] value() {
        return value;
    }

    /** The value decoded as UTF-8, or null. */
    public String text() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The value parsed as JSON.
     *
     * @throws EventFormatException naming topic, partition and offset if the value is not JSON
     */
    public JsonNode json() {
        if (value == null) {
            throw new EventFormatException("event " + where() + " has no value, expected JSON");
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("event " + where() + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventFormatException("event " + where() + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The text of field {@code name} of the value, a JSON object: {@code event.string("first_name")}.
     *
     * @throws EventFormatException naming the event and the field if the value is not a JSON object
     *                              or the field is missing or not a string
     */
    public String string(String name) {
        JsonNode node = json().get(name);
        if (node == null || !node.isTextual()) {
            throw new EventFormatException("event " + where() + " has no string field '" + name + "'");
        }
        return node.asText();
    }

    /** The value parsed as JSON into {@code type}. */
    public <T> T json(Class<T> type) {
        try {
            return JSON.treeToValue(json(), type);
        } catch (IOException e) {
            throw new EventFormatException("event " + where() + " does not map to "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** When the producer or broker stamped the event, if it did. */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** Headers by name (the last value wins when a name repeats). */
    public Map<String, byte[]> headers() {
        return headers;
    }

    /** A header decoded as UTF-8, if present. */
    public Optional<String> header(String name) {
        byte[] v = headers.get(name);
        return v == null ? Optional.empty() : Optional.of(new String(v, StandardCharsets.UTF_8));
    }

    /** {@code topic-partition@offset}, for messages. */
    public String where() {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public String toString() {
        return "Event[" + where() + "]";
    }
}
