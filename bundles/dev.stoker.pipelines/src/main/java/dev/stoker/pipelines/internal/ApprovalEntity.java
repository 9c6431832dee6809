package dev.stoker.pipelines.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code stoker_pipeline_approval}. */
@Entity
@Table(name = "stoker_pipeline_approval")
public class ApprovalEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "run_id")
  String runId;
  @Column(name = "stage_name")
  String stage;
  @Column(name = "username")
  String user;
  @Column(name = "decision")
  String decision;
  @Column(name = "comment")
  String comment;
  @Column(name = "decided_at")
  long at;
  @Column(name = "break_glass")
  boolean breakGlass;

  public ApprovalEntity() {
    // for JPA
  }
}
