package dev.stoker.environments.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.queue.WorkQueue;
import dev.stoker.api.store.Transactions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operation rows and the work queue: records an operation and queues its id, writes its progress and its
 * end, and posts each as an event. Statuses are handled as {@link OperationStatus}; the column keeps the name.
 */
final class Operations {
  /** Statuses of an operation that is still under way. */
  /** The MDC key of the request id that the REST layer sets while a request runs. */
  static final String REQUEST_ID = "requestId";
  static final Set<OperationStatus> BUSY = EnumSet.of(OperationStatus.QUEUED, OperationStatus.RUNNING);
  private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

  private final Transactions tx;
  private final Clock clock;
  private final Events events;
  private final WorkQueue queue;
  private final EnvironmentStore store;

  Operations(Transactions tx, Clock clock, Events events, WorkQueue queue, EnvironmentStore store) {
    this.tx = tx;
    this.clock = clock;
    this.events = events;
    this.queue = queue;
    this.store = store;
  }

  /** @return a new QUEUED operation row, not yet persisted */
  OperationEntity newOperation(OperationKind kind, String target, String actor, Map<String, String> params) {
    OperationEntity op = new OperationEntity();
    op.id = UUID.randomUUID().toString();
    op.kind = kind.id();
    op.target = target;
    op.status = OperationStatus.QUEUED.name();
    op.step = "queued";
    op.percent = 0;
    op.message = "waiting for a worker";
    op.startedBy = actor;
    op.startedAt = clock.instant().toEpochMilli();
    op.paramsJson = params == null || params.isEmpty() ? null : Specs.write(params);
    op.requestId = org.slf4j.MDC.get(REQUEST_ID);
    return op;
  }

  /** Records a new environment with its create operation (409 when the name was taken meanwhile) and queues it. */
  Operation queueCreate(EnvironmentEntity env, OperationEntity op) {
    tx.write(em -> {
      if (store.nameTaken(em, env.name)) {
        throw new ConflictException("name: an environment named '" + env.name + "' already exists");
      }
      em.persist(env);
      em.persist(op);
      return null;
    });
    enqueue(op);
    return op.toOperation();
  }

  /** Records and queues an operation on an existing environment, unless ({@code exclusive}) another is under way. */
  Operation queueOn(EnvironmentEntity env, OperationKind kind, String actor, Map<String, String> params,
      boolean exclusive) {
    OperationEntity op = newOperation(kind, env.id, actor, params);
    tx.write(em -> {
      if (exclusive) {
        List<OperationEntity> running = em.createQuery(
            "SELECT o FROM OperationEntity o WHERE o.target = :t AND o.status IN :busy", OperationEntity.class)
            .setParameter("t", env.id).setParameter("busy", EnvironmentStore.names(BUSY)).setMaxResults(1)
            .getResultList();
        if (!running.isEmpty()) {
          throw new ConflictException("action: operation " + running.get(0).id + " (" + running.get(0).kind
              + ") on this environment is still under way");
        }
      }
      em.persist(op);
      return null;
    });
    enqueue(op);
    return op.toOperation();
  }

  private void enqueue(OperationEntity op) {
    try {
      queue.send(op.id);
    } catch (UnavailableException e) {
      finish(op.id, OperationStatus.FAILED, e.getMessage());
      if (OperationKind.CREATE.id().equals(op.kind)) {
        store.moveTo(op.target, EnvironmentState.FAILED, e.getMessage(), true);
      }
      throw e;
    }
  }

  /** @return whether an operation on the environment is queued or running */
  boolean busy(String environmentId) {
    return tx.read(em -> em.createQuery(
        "SELECT COUNT(o) FROM OperationEntity o WHERE o.target = :t AND o.status IN :busy", Long.class)
        .setParameter("t", environmentId).setParameter("busy", EnvironmentStore.names(BUSY)).getSingleResult()) > 0;
  }

  OperationEntity entity(String id) {
    return tx.read(em -> em.find(OperationEntity.class, id));
  }

  Optional<Operation> get(String id) {
    return Optional.ofNullable(entity(id)).map(OperationEntity::toOperation);
  }

  Page<Operation> page(String environmentId, PageRequest page) {
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(o) FROM OperationEntity o WHERE o.target = :t", Long.class)
          .setParameter("t", environmentId).getSingleResult();
      List<Operation> items = em.createQuery(
          "SELECT o FROM OperationEntity o WHERE o.target = :t ORDER BY o.startedAt DESC", OperationEntity.class)
          .setParameter("t", environmentId).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
          .stream().map(OperationEntity::toOperation).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  /** Marks the operation RUNNING: a worker took it. */
  void started(String id) {
    progress(id, "start", 1, "worker picked it up", OperationStatus.RUNNING);
  }

  void progress(String id, String step, int percent, String message) {
    progress(id, step, percent, message, null);
  }

  private void progress(String id, String step, int percent, String message, OperationStatus status) {
    tx.write(em -> {
      OperationEntity op = em.find(OperationEntity.class, id);
      op.step = step;
      op.percent = Math.max(op.percent, percent);
      op.message = EnvironmentStore.clip(message);
      if (status != null) {
        op.status = status.name();
      }
      return null;
    });
    events.progress(id, step, percent, message);
  }

  void finish(String id, OperationStatus status, String message) {
    tx.write(em -> {
      OperationEntity op = em.find(OperationEntity.class, id);
      op.status = status.name();
      op.step = status == OperationStatus.SUCCEEDED ? "done" : "failed";
      if (status == OperationStatus.SUCCEEDED) {
        op.percent = 100;
      }
      op.message = EnvironmentStore.clip(message);
      op.finishedAt = clock.instant().toEpochMilli();
      return null;
    });
    events.finished(id, status, message);
  }

  void succeed(String id, String message) {
    finish(id, OperationStatus.SUCCEEDED, message);
  }

  /** Fails the operation and, when {@code environmentFails}, its environment, with the same reason. */
  void fail(OperationEntity op, String reason, boolean environmentFails) {
    LOG.warn("Operation {} ({}) failed: {}", op.id, op.kind, reason);
    if (environmentFails) {
      store.moveTo(op.target, EnvironmentState.FAILED, reason, true);
    }
    finish(op.id, OperationStatus.FAILED, reason);
  }
}
