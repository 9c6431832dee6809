package dev.stoker.integrations.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an EventAdmin event (topic plus properties) into the JSON document that routes and webhooks
 * receive. The shape follows {@code dev.stoker.api.event.StokerEvent}:
 * <pre>{"topic":"dev/stoker/audit","time":"...","actor":"alice","target":"env-1","data":{"action":"...","outcome":"..."}}</pre>
 * Every property other than topic/time/actor/target lands in {@code data} as a string, keys sorted.
 */
final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Set by EventAdmin itself; the topic is written separately. */
  private static final String EVENT_TOPICS = "event.topics";

  private EventJson() {
  }

  static String toJson(String topic, Map<String, ?> properties) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("topic", topic);
    Object time = properties.get("time");
    root.put("time", time == null ? Instant.now().toString() : text(time));
    putIfPresent(root, "actor", properties.get("actor"));
    putIfPresent(root, "target", properties.get("target"));
    ObjectNode data = root.putObject("data");
    new TreeMap<>(properties).forEach((key, value) -> {
      if (value != null && !key.equals(EVENT_TOPICS) && !key.equals("topic") && !key.equals("time")
          && !key.equals("actor") && !key.equals("target")) {
        data.put(key, text(value));
      }
    });
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event as JSON", e); // cannot happen for a tree of strings
    }
  }

  private static void putIfPresent(ObjectNode node, String key, Object value) {
    if (value != null) {
      node.put(key, text(value));
    }
  }

  private static String text(Object value) {
    if (value.getClass().isArray()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < Array.getLength(value); i++) {
        b.append(i == 0 ? "" : ",").append(Array.get(value, i));
      }
      return b.toString();
    }
    if (value instanceof Collection<?> c) {
      return String.join(",", c.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }
}
