package dev.stoker.telemetry.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code stoker_metric_series}: a metric name with one set of labels, keyed by their hash. */
@Entity
@Table(name = "stoker_metric_series")
public class SeriesEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "name")
  String name;
  /** Canonical JSON object, keys sorted. */
  @Column(name = "labels")
  String labels;
  @Column(name = "created_at")
  long createdAt;

  public SeriesEntity() {
    // for JPA
  }
}
