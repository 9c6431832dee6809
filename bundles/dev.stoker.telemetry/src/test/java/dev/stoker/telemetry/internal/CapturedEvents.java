package dev.stoker.telemetry.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An EventAdmin that keeps what is posted or sent, for tests to look at. */
final class CapturedEvents implements EventAdmin {
  final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void postEvent(Event event) {
    events.add(event);
  }

  @Override
  public void sendEvent(Event event) {
    events.add(event);
  }
}
