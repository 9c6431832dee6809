package dev.stoker.api.event;

import java.time.Instant;
import java.util.Map;

/**
 * A domain event: something that happened in Stoker. Events are published on the event bus (OSGi
 * EventAdmin inside one node, Artemis topics across nodes) and carried to the outside world by
 * integration routes. Events never carry secret values.
 *
 * @param topic the topic, one of {@link EventTopics}
 * @param time when it happened
 * @param actor the user or system component that caused it
 * @param target id of the object concerned
 * @param data further detail as flat string pairs
 */
public record StokerEvent(String topic, Instant time, String actor, String target, Map<String, String> data) {
  public StokerEvent {
    data = Map.copyOf(data);
  }
}
