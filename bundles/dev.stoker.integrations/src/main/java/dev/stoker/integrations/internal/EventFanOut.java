package dev.stoker.integrations.internal;

import dev.stoker.api.event.EventTopics;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Receives every Stoker event from EventAdmin and queues it for Camel ({@code direct:stoker-events}).
 * {@link #handleEvent} only copies the properties into a bounded queue: it never blocks the poster, and
 * drops (and counts) events when the queue is full.
 */
@Component(service = EventHandler.class, immediate = true, configurationPid = "dev.stoker.integrations",
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = EventConstants.EVENT_TOPIC + "=" + EventTopics.PREFIX + "*")
public class EventFanOut implements EventHandler {
  private final EventQueue queue;

  @Activate
  public EventFanOut(@Reference CamelRuntime runtime, IntegrationsConfig config) {
    StokerCamel camel = runtime.camel();
    this.queue = new EventQueue(config.eventQueueSize(), camel::publish);
  }

  @Override
  public void handleEvent(Event event) {
    Map<String, Object> properties = new HashMap<>();
    for (String name : event.getPropertyNames()) {
      properties.put(name, event.getProperty(name));
    }
    queue.offer(event.getTopic(), properties);
  }

  @Deactivate
  void deactivate() {
    queue.close();
  }
}
