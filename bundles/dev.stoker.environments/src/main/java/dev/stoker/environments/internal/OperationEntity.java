package dev.stoker.environments.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code stoker_operation}. */
@Entity
@Table(name = "stoker_operation")
public class OperationEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "kind")
  String kind;
  @Column(name = "target")
  String target;
  @Column(name = "status")
  String status;
  @Column(name = "step")
  String step;
  @Column(name = "percent")
  int percent;
  @Column(name = "message")
  String message;
  @Column(name = "started_by")
  String startedBy;
  @Column(name = "started_at")
  long startedAt;
  @Column(name = "finished_at")
  Long finishedAt;
  @Column(name = "params_json")
  String paramsJson;
  /** The X-Request-Id of the request that queued it, or {@code null} (see docs/admin.md, Logs). */
  @Column(name = "request_id")
  String requestId;

  public OperationEntity() {
    // for JPA
  }

  Operation toOperation() {
    return new Operation(id, kind, target, OperationStatus.valueOf(status), step, percent, message, startedBy,
        Instant.ofEpochMilli(startedAt), finishedAt == null ? null : Instant.ofEpochMilli(finishedAt));
  }
}
