package dev.stoker.telemetry.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** Row of {@code stoker_metric_raw}: one sample of one series. */
@Entity
@Table(name = "stoker_metric_raw")
@IdClass(RawSampleEntity.Key.class)
public class RawSampleEntity {
  @Id
  @Column(name = "series_id")
  String seriesId;
  @Id
  @Column(name = "ts")
  long ts;
  @Column(name = "val")
  double val;

  public RawSampleEntity() {
    // for JPA
  }

  RawSampleEntity(String seriesId, long ts, double val) {
    this.seriesId = seriesId;
    this.ts = ts;
    this.val = val;
  }

  /** The composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String seriesId;
    long ts;

    public Key() {
      // for JPA
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.ts == ts && Objects.equals(k.seriesId, seriesId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(seriesId, ts);
    }
  }
}
