package dev.stoker.telemetry.internal;

import dev.stoker.api.telemetry.LogEntry;
import dev.stoker.api.telemetry.LogService;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** Row of {@code stoker_log}: one collected gateway log line. */
@Entity
@Table(name = "stoker_log")
public class LogEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "environment")
  String environment;
  @Column(name = "stage")
  String stage;
  @Column(name = "ts")
  long ts;
  @Column(name = "level_no")
  int levelNo;
  @Column(name = "logger")
  String logger;
  @Column(name = "message")
  String message;
  @Column(name = "search_text")
  String searchText;

  public LogEntity() {
    // for JPA
  }

  LogEntity(LogEntry e) {
    this.id = e.id();
    this.environment = e.environment();
    this.stage = e.stage();
    this.ts = e.time().toEpochMilli();
    this.levelNo = LogService.LEVELS.indexOf(e.level());
    this.logger = e.logger().length() > 200 ? e.logger().substring(0, 200) : e.logger();
    this.message = e.message();
    this.searchText = (this.logger + " " + e.message()).toLowerCase(Locale.ROOT);
  }

  LogEntry toEntry() {
    return new LogEntry(id, environment, stage, Instant.ofEpochMilli(ts), LogService.LEVELS.get(levelNo), logger,
        message);
  }
}
