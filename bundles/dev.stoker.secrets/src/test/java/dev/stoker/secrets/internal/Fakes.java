package dev.stoker.secrets.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.ChainVerification;
import dev.stoker.testing.OsgiConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Test doubles: a recording audit log, a recording EventAdmin, a clock tests move; settings. */
final class Fakes {
  private Fakes() {
  }

  /**
   * The defaults of {@link SecretsConfig} with {@code overrides}, under {@code data}: leases in
   * {@code data/stoker/leases} and, unless overridden, the master key in {@code data/stoker/master.key}.
   */
  static Settings settings(Path data, Map<String, ?> overrides) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("masterKeyFile", Settings.legacyMasterKeyFile(data).toString());
    properties.putAll(overrides);
    return Settings.of(OsgiConfigs.of(SecretsConfig.class, properties), data, data);
  }

  static final class RecordingAudit implements AuditLog {
    final List<AuditRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public AuditEntry append(AuditRecord record) {
      records.add(record);
      return new AuditEntry(records.size(), Instant.now(), record, "", "");
    }

    List<AuditRecord> withAction(String action) {
      return records.stream().filter(r -> r.action().equals(action)).toList();
    }

    @Override
    public Page<AuditEntry> find(AuditQuery query, PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ChainVerification verify() {
      throw new UnsupportedOperationException();
    }
  }

  static final class RecordingEvents implements EventAdmin {
    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
      events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
      events.add(event);
    }

    List<Event> ofKind(String kind) {
      return events.stream().filter(e -> kind.equals(e.getProperty("kind"))).toList();
    }
  }

  static final class MutableClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
