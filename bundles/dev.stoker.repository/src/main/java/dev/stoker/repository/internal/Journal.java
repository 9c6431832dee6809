package dev.stoker.repository.internal;

import dev.stoker.api.event.EventProperties;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * What the repository tells the rest of Stoker: an audit record for every write, and an event on
 * {@link EventTopics#REPOSITORY} when a revision is recorded, a merge concluded or a release made. Both
 * services are optional; without them the work goes on untold.
 */
final class Journal {
  /** Values of {@link EventProperties#CHANGE}. */
  static final String REVISION = EventProperties.CHANGE_REVISION;
  static final String MERGE = EventProperties.CHANGE_MERGE;
  static final String RELEASE = EventProperties.CHANGE_RELEASE;

  private volatile AuditLog audit;
  private volatile EventAdmin events;

  void audit(String actor, String action, String target, String detail) {
    AuditLog log = audit;
    if (log != null) {
      log.append(new AuditRecord(actor == null ? "system" : actor, action, target, "", AuditOutcome.SUCCESS, detail));
    }
  }

  /**
   * Posts (asynchronously) a repository event.
   *
   * @param details further string properties, e.g. {@code revision}, {@code branch}
   */
  void post(String project, String change, String actor, Map<String, String> details) {
    EventAdmin admin = events;
    if (admin == null) {
      return;
    }
    Map<String, Object> props = new HashMap<>(details);
    props.put(EventProperties.TARGET, project);
    props.put(EventProperties.CHANGE, change);
    props.put(EventProperties.ACTOR, actor == null ? "system" : actor);
    admin.postEvent(new Event(EventTopics.REPOSITORY, props));
  }

  void setAudit(AuditLog log) {
    audit = log;
  }

  void unsetAudit(AuditLog log) {
    if (audit == log) {
      audit = null;
    }
  }

  void setEvents(EventAdmin admin) {
    events = admin;
  }

  void unsetEvents(EventAdmin admin) {
    if (events == admin) {
      events = null;
    }
  }
}
