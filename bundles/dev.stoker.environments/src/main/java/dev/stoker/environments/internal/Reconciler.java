package dev.stoker.environments.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.Orphan;
import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.security.AuditOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the records with what the hosts really run, every {@code reconcileEvery}: a lost container fails its
 * environment, containers no live environment owns are orphans, and environments whose ttl ran out or that
 * stayed idle are stopped or destroyed (each teardown audited).
 */
final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final Set<EnvironmentState> WITH_CONTAINER = EnumSet.of(EnvironmentState.STARTING,
      EnvironmentState.RUNNING, EnvironmentState.STOPPED);
  private static final Set<EnvironmentState> EXPIRING = EnumSet.of(EnvironmentState.RUNNING,
      EnvironmentState.STARTING, EnvironmentState.FAILED);
  private static final long ACTIVITY_WRITE_MS = 60_000;
  static final String SYSTEM = "system";

  private final Settings settings;
  private final Clock clock;
  private final Registries registries;
  private final EnvironmentStore store;
  private final Operations operations;
  private final Lifecycle lifecycle;
  private final AuditTrail audit;
  private final Map<String, Long> activityWritten = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stoker-env-reconcile");
    t.setDaemon(true);
    return t;
  });

  Reconciler(Settings settings, Clock clock, Registries registries, EnvironmentStore store, Operations operations,
      Lifecycle lifecycle, AuditTrail audit) {
    this.settings = settings;
    this.clock = clock;
    this.registries = registries;
    this.store = store;
    this.operations = operations;
    this.lifecycle = lifecycle;
    this.audit = audit;
  }

  /** Starts the periodic round. */
  void start() {
    long every = settings.reconcileEvery().toMillis();
    scheduler.scheduleWithFixedDelay(this::roundQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private void roundQuietly() {
    try {
      reconcile();
      tearDownExpired();
      tearDownIdle();
    } catch (RuntimeException e) {
      LOG.warn("Reconciliation failed: {}", e.toString());
    }
  }

  /**
   * Marks environments whose container disappeared as FAILED. Environments still queued or provisioning are
   * left to their operation, which will create the container.
   */
  void reconcile() {
    for (EnvironmentEntity env : store.inStates(WITH_CONTAINER)) {
      RuntimeBackend backend = registries.findBackend(env.runtimeHost).orElse(null);
      if (backend == null || env.containerId == null) {
        continue;
      }
      try {
        boolean present = backend.list(Map.of(Provisioner.LABEL_ENVIRONMENT, env.id)).stream()
            .anyMatch(c -> c.id().equals(env.containerId));
        if (!present) {
          store.moveTo(env.id, EnvironmentState.FAILED, "container " + env.containerId + " is missing on "
              + env.runtimeHost, true);
        }
      } catch (IOException e) {
        LOG.debug("cannot list containers on {}: {}", env.runtimeHost, e.getMessage());
      }
    }
  }

  /** Stops or destroys environments whose ttl has run out; each teardown is audited. */
  void tearDownExpired() {
    for (EnvironmentEntity env : store.expired(clock.instant().toEpochMilli(), EXPIRING)) {
      if (operations.busy(env.id)) {
        continue; // next round
      }
      tearDown(env, "ttl expired", e -> e.expiresAt = null); // one teardown per ttl
    }
  }

  /**
   * Stops or destroys RUNNING environments with an idle timeout that saw no activity for that long. Activity:
   * reaching RUNNING, and every use of the environment through Stoker that the API reports with
   * {@link #recordActivity}; an environment with an operation under way is never idle.
   */
  void tearDownIdle() {
    long now = clock.instant().toEpochMilli();
    for (EnvironmentEntity env : store.idleCandidates()) {
      long last = env.lastActivityAt != null ? env.lastActivityAt : env.updatedAt;
      if (now - last < env.idleTimeoutMs || operations.busy(env.id)) {
        continue;
      }
      tearDown(env, "idle for " + Duration.ofMillis(env.idleTimeoutMs).toMinutes() + " min (last activity "
          + Instant.ofEpochMilli(last) + ")", e -> e.lastActivityAt = now); // one teardown per idle period
    }
  }

  private void tearDown(EnvironmentEntity env, String why, Consumer<EnvironmentEntity> mark) {
    LifecycleAction action = settings.destroyOnTeardown() ? LifecycleAction.DESTROY_WITH_VOLUME : LifecycleAction.STOP;
    try {
      store.update(env.id, mark);
      Operation op = lifecycle.request(env.id, action, SYSTEM);
      audit.append(SYSTEM, "environment.teardown", env.id, AuditOutcome.SUCCESS,
          why + ": " + action.id() + " (operation " + op.id() + ")");
    } catch (RuntimeException e) {
      LOG.warn("Teardown of {} failed: {}", env.name, e.getMessage());
    }
  }

  /** Notes a use of the environment (for its idle timeout), written at most once a minute. */
  void recordActivity(String id) {
    long now = clock.instant().toEpochMilli();
    Long last = activityWritten.get(id);
    if (last != null && now - last < ACTIVITY_WRITE_MS) {
      return;
    }
    activityWritten.put(id, now);
    try {
      store.write(em -> {
        EnvironmentEntity env = em.find(EnvironmentEntity.class, id);
        if (env != null && env.idleTimeoutMs != null) {
          env.lastActivityAt = now;
        }
        return null;
      });
    } catch (RuntimeException e) {
      activityWritten.remove(id);
      LOG.debug("cannot record activity on {}: {}", id, e.toString());
    }
  }

  /** @return containers labelled as Stoker's that no recorded, undestroyed environment owns, on every host */
  List<Orphan> orphans() {
    Map<String, EnvironmentState> states = new HashMap<>();
    store.all().forEach(e -> states.put(e.id, EnvironmentStore.state(e)));
    List<Orphan> orphans = new ArrayList<>();
    for (String host : registries.hostIds()) {
      RuntimeBackend backend = registries.findBackend(host).orElse(null);
      if (backend == null) {
        continue; // left since the ids were read
      }
      try {
        for (ContainerInfo c : backend.list(Map.of())) {
          String envId = c.labels().get(Provisioner.LABEL_ENVIRONMENT);
          if (envId == null) {
            continue;
          }
          EnvironmentState state = states.get(envId);
          if (state == null) {
            orphans.add(new Orphan(host, c, "no environment " + envId + " is recorded"));
          } else if (state == EnvironmentState.DESTROYED) {
            orphans.add(new Orphan(host, c, "environment " + envId + " was destroyed"));
          }
        }
      } catch (IOException e) {
        LOG.debug("cannot list containers on {}", host, e);
      }
    }
    return orphans;
  }

  boolean removeOrphan(String runtimeHost, String containerId) {
    return orphans().stream()
        .filter(o -> o.runtimeHost().equals(runtimeHost) && o.container().id().equals(containerId))
        .findFirst().map(o -> {
          try {
            registries.backend(runtimeHost).remove(containerId, null);
            return true;
          } catch (IOException e) {
            throw new UnavailableException("cannot remove " + containerId + ": " + e.getMessage(), e);
          }
        }).orElse(false);
  }
}
