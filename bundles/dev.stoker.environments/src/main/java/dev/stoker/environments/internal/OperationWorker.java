package dev.stoker.environments.internal;

import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.security.AuditOutcome;
import java.net.URI;
import java.util.Locale;
import org.slf4j.MDC;

/**
 * Runs one queued operation: called by the queue's workers, and again after a crash (every step is idempotent).
 * Failures end the operation (and, unless it was a backup, fail the environment); a create that failed before
 * its gateway ran leaves nothing behind.
 */
final class OperationWorker {
  private final Registries registries;
  private final Operations operations;
  private final Provisioner provisioner;
  private final Lifecycle lifecycle;
  private final BackupManager backups;
  private final Upgrader upgrader;
  private final AuditTrail audit;

  OperationWorker(Registries registries, Operations operations, Provisioner provisioner, Lifecycle lifecycle,
      BackupManager backups, Upgrader upgrader, AuditTrail audit) {
    this.registries = registries;
    this.operations = operations;
    this.provisioner = provisioner;
    this.lifecycle = lifecycle;
    this.backups = backups;
    this.upgrader = upgrader;
    this.audit = audit;
  }

  /** Runs the operation unless it is unknown or already done (a redelivery of finished work). */
  void perform(String operationId) {
    OperationEntity op = operations.entity(operationId);
    if (op == null || OperationStatus.valueOf(op.status).isDone()) {
      return;
    }
    if (op.requestId != null) {
      MDC.put(Operations.REQUEST_ID, op.requestId);
    }
    try {
      performLogged(op);
    } finally {
      MDC.remove(Operations.REQUEST_ID);
    }
  }

  private void performLogged(OperationEntity op) {
    operations.started(op.id);
    OperationKind kind = null;
    Exception failure = null;
    Work work = new Work(registries);
    try {
      kind = OperationKind.fromId(op.kind);
      dispatch(work, kind, op);
    } catch (Exception e) {
      failure = e;
    } finally {
      work.close(); // before the failure is written: an interrupt from a revoked lease is cleared by then
    }
    if (failure != null) {
      failed(work, kind, op, failure);
    }
    if (kind != null && kind.audited()) {
      operations.get(op.id).ifPresent(done -> audit.append(op.startedBy, op.kind, op.target,
          done.status() == OperationStatus.SUCCEEDED ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
          done.message() + " (operation " + op.id + (op.requestId == null ? "" : "; request " + op.requestId)
              + ")"));
    }
  }

  private void dispatch(Work work, OperationKind kind, OperationEntity op) throws Exception {
    switch (kind) {
      case CREATE -> {
        URI base = provisioner.provision(work, op.target, op.id);
        operations.succeed(op.id, "running at " + base);
      }
      case BACKUP -> backups.takeBackup(work, op);
      case RESTORE -> backups.restore(work, op, false);
      case ROLLBACK -> backups.restore(work, op, true);
      case UPGRADE -> upgrader.perform(work, op);
      case START, STOP, RESTART, DESTROY, DESTROY_WITH_VOLUME -> lifecycle.perform(work, op, kind.action());
    }
  }

  private void failed(Work work, OperationKind kind, OperationEntity op, Exception failure) {
    String reason = work.describe(failure);
    if (failure instanceof NotStarted) {
      if (kind == OperationKind.CREATE) {
        provisioner.cleanUpFailedCreate(op, portHint(reason));
      } else {
        operations.fail(op, portHint(reason), true);
      }
    } else {
      operations.fail(op, reason, kind != OperationKind.BACKUP);
    }
  }

  /** Names the field when the engine refused a start because a published host port is taken. */
  static String portHint(String reason) {
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("port is already allocated") || lower.contains("address already in use")) {
      return "ports: a requested host port is already in use (" + reason + ")";
    }
    return reason;
  }
}
