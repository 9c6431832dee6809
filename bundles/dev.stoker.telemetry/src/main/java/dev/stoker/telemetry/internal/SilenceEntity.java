package dev.stoker.telemetry.internal;

import dev.stoker.api.telemetry.Silence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code stoker_alert_silence}. */
@Entity
@Table(name = "stoker_alert_silence")
public class SilenceEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "rule_id")
  String ruleId;
  @Column(name = "environment")
  String environment;
  @Column(name = "comment")
  String comment;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "starts_at")
  long startsAt;
  @Column(name = "ends_at")
  long endsAt;

  public SilenceEntity() {
    // for JPA
  }

  Silence toSilence() {
    return new Silence(id, ruleId, environment, comment, createdBy, Instant.ofEpochMilli(startsAt),
        Instant.ofEpochMilli(endsAt));
  }

  boolean matches(AlertEntity alert, long now) {
    return startsAt <= now && now < endsAt && (ruleId == null || ruleId.equals(alert.ruleId))
        && (environment == null || environment.equals(alert.target));
  }
}
