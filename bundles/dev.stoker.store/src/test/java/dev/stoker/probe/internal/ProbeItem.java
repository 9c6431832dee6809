package dev.stoker.probe.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity of a test "bundle" whose schema lives in {@code db/migration/dev.stoker.probe}. */
@Entity
@Table(name = "probe_item")
public class ProbeItem {
  @Id
  public String id;
  public String label;
  public String note;
}
