package dev.stoker.pipelines.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Row of {@code stoker_pipeline_run}. */
@Entity
@Table(name = "stoker_pipeline_run")
public class RunEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "project")
  String project;
  @Column(name = "revision")
  String revision;
  @Column(name = "commit_id")
  String commit;
  @Column(name = "release_name")
  String release;
  @Column(name = "artifact_digest")
  String digest;
  @Column(name = "status")
  String status;
  @Column(name = "started_by")
  String startedBy;
  @Column(name = "reason")
  String reason;
  @Column(name = "pipeline_yaml")
  String yaml;
  @Column(name = "created_at")
  long createdAt;
  @Column(name = "started_at")
  Long startedAt;
  @Column(name = "ended_at")
  Long endedAt;
  @Column(name = "rollback_of")
  String rollbackOf;
  /** The X-Request-Id of the request that started it, or {@code null} (see docs/admin.md, Logs). */
  @Column(name = "request_id")
  String requestId;
  @Version
  @Column(name = "version")
  long version;

  public RunEntity() {
    // for JPA
  }
}
