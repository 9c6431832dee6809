package dev.stoker.telemetry.internal;

import dev.stoker.api.telemetry.AlertRule;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code stoker_alert_rule}. */
@Entity
@Table(name = "stoker_alert_rule")
public class AlertRuleEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "name")
  String name;
  @Column(name = "kind")
  String kind;
  @Column(name = "environment")
  String environment;
  @Column(name = "metric")
  String metric;
  @Column(name = "threshold")
  Double threshold;
  @Column(name = "for_seconds")
  int forSeconds;
  @Column(name = "severity")
  String severity;
  @Column(name = "enabled")
  boolean enabled;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "created_at")
  long createdAt;
  @Column(name = "updated_at")
  long updatedAt;

  public AlertRuleEntity() {
    // for JPA
  }

  AlertRule toRule() {
    return new AlertRule(id, name, kind, environment, metric, threshold, forSeconds, severity, enabled, createdBy,
        Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(updatedAt));
  }
}
