package dev.stoker.environments.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment rows: reads, writes with retries, and the state machine. States are handled as
 * {@link EnvironmentState}; the column keeps the enum's name.
 */
final class EnvironmentStore {
  /** States of an environment that holds its name and its host ports. */
  static final Set<EnvironmentState> LIVE = EnumSet.complementOf(EnumSet.of(EnvironmentState.DESTROYED));
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentStore.class);
  private static final int MAX_TEXT = 1000;

  private final Transactions tx;
  private final Clock clock;
  private final Events events;

  EnvironmentStore(Transactions tx, Clock clock, Events events) {
    this.tx = tx;
    this.clock = clock;
    this.events = events;
  }

  /** @return text cut to what the message and reason columns hold */
  static String clip(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) : text;
  }

  /** @return the names of states, as the column holds them (for {@code IN} parameters) */
  static List<String> names(Set<? extends Enum<?>> states) {
    return states.stream().map(Enum::name).sorted().collect(Collectors.toList());
  }

  /** @return the name of an environment's first data volume */
  static String baseVolume(String name, String id) {
    return "stoker-" + name + "-" + id.substring(0, 8) + "-data";
  }

  /** Refuses an action unless the environment is in one of the states (409). */
  static void requireState(EnvironmentEntity env, String action, EnvironmentState... allowed) {
    EnvironmentState state = state(env);
    if (!Arrays.asList(allowed).contains(state)) {
      throw new ConflictException("action: cannot " + action + " an environment that is " + state
          + " (needs " + Arrays.toString(allowed) + ")");
    }
  }

  static EnvironmentState state(EnvironmentEntity env) {
    return EnvironmentState.valueOf(env.state);
  }

  /** @return the row of a new, REQUESTED environment (not yet persisted) */
  EnvironmentEntity newEnvironment(Admission.Admitted admitted, String actor) {
    EnvironmentSpec spec = admitted.spec();
    Instant now = clock.instant();
    EnvironmentEntity env = new EnvironmentEntity();
    env.id = UUID.randomUUID().toString();
    env.name = spec.name();
    env.platform = spec.platform();
    env.stage = spec.stage().name();
    env.specJson = Specs.write(spec);
    env.image = admitted.profile().image();
    env.state = EnvironmentState.REQUESTED.name();
    env.stateReason = "requested by " + actor;
    env.runtimeHost = admitted.host();
    env.volume = baseVolume(spec.name(), env.id);
    env.portsJson = Specs.write(admitted.ports());
    env.createdBy = actor;
    env.createdAt = now.toEpochMilli();
    env.updatedAt = env.createdAt;
    Duration life = spec.ttl();
    env.expiresAt = life == null ? null : now.plus(life).toEpochMilli();
    env.idleTimeoutMs = spec.idleTimeout() == null ? null : spec.idleTimeout().toMillis();
    env.restorePending = spec.restoreBackup() == null ? null : spec.restoreBackup().sha256();
    return env;
  }

  Transactions tx() {
    return tx;
  }

  Optional<EnvironmentEntity> find(String id) {
    return Optional.ofNullable(tx.read(em -> em.find(EnvironmentEntity.class, id)));
  }

  /** @return the environment, destroyed or not */
  EnvironmentEntity load(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("environment '" + id + "' not found"));
  }

  /** @return the environment unless unknown or destroyed */
  EnvironmentEntity live(String id) {
    return find(id).filter(e -> state(e) != EnvironmentState.DESTROYED)
        .orElseThrow(() -> new NotFoundException("environment '" + id + "' not found"));
  }

  /**
   * Writes with retries: workers, the reconciler and request threads update the same rows, and the row
   * version turns a lost update into an optimistic lock failure, which a fresh read then resolves.
   */
  <T> T write(Function<EntityManager, T> work) {
    for (int attempt = 1;; attempt++) {
      try {
        return tx.write(work);
      } catch (OptimisticLockException | RollbackException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** Changes one environment row (with retries). */
  void update(String id, Consumer<EnvironmentEntity> change) {
    write(em -> {
      change.accept(em.find(EnvironmentEntity.class, id));
      return null;
    });
  }

  void recordContainer(String id, String containerId) {
    update(id, e -> e.containerId = containerId);
  }

  /** Moves the state; {@code force} allows moves the state machine does not list (failures, operator acts). */
  void moveTo(String id, EnvironmentState target, String reason, boolean force) {
    EnvironmentState from = write(em -> {
      EnvironmentEntity env = em.find(EnvironmentEntity.class, id);
      if (env == null) {
        return null;
      }
      EnvironmentState current = state(env);
      if (current == target || current == EnvironmentState.DESTROYED || !force && !current.canMoveTo(target)) {
        return null;
      }
      env.state = target.name();
      env.stateReason = clip(reason);
      env.updatedAt = clock.instant().toEpochMilli();
      if (target == EnvironmentState.RUNNING) {
        env.restorePending = null; // the backup has been restored into this volume
        env.lastActivityAt = env.updatedAt; // an idle period starts when the gateway runs
      }
      return current;
    });
    if (from != null) {
      LOG.info("Environment {}: {} -> {} ({})", id, from, target, reason);
      events.moved(id, from, target, reason);
    }
  }

  /** @return whether a live environment has the name */
  boolean nameTaken(EntityManager em, String name) {
    return em.createQuery("SELECT COUNT(e) FROM EnvironmentEntity e WHERE e.name = :n AND e.state IN :live",
        Long.class).setParameter("n", name).setParameter("live", names(LIVE)).getSingleResult() > 0;
  }

  boolean nameTaken(String name) {
    return tx.read(em -> nameTaken(em, name));
  }

  /** @return the live environments on a runtime host */
  List<EnvironmentEntity> liveOn(String host) {
    return tx.read(em -> em.createQuery(
        "SELECT e FROM EnvironmentEntity e WHERE e.runtimeHost = :h AND e.state IN :live", EnvironmentEntity.class)
        .setParameter("h", host).setParameter("live", names(LIVE)).getResultList());
  }

  List<EnvironmentEntity> inStates(Set<EnvironmentState> states) {
    return tx.read(em -> em.createQuery("SELECT e FROM EnvironmentEntity e WHERE e.state IN :s",
        EnvironmentEntity.class).setParameter("s", names(states)).getResultList());
  }

  /** @return environments in one of the states whose ttl ran out by {@code now} */
  List<EnvironmentEntity> expired(long now, Set<EnvironmentState> states) {
    return tx.read(em -> em.createQuery("SELECT e FROM EnvironmentEntity e WHERE e.expiresAt IS NOT NULL "
        + "AND e.expiresAt <= :now AND e.state IN :s", EnvironmentEntity.class).setParameter("now", now)
        .setParameter("s", names(states)).getResultList());
  }

  /** @return RUNNING environments that have an idle timeout */
  List<EnvironmentEntity> idleCandidates() {
    return tx.read(em -> em.createQuery("SELECT e FROM EnvironmentEntity e WHERE e.idleTimeoutMs IS NOT NULL "
        + "AND e.state = :s", EnvironmentEntity.class).setParameter("s", EnvironmentState.RUNNING.name())
        .getResultList());
  }

  List<EnvironmentEntity> all() {
    return tx.read(em -> em.createQuery("SELECT e FROM EnvironmentEntity e", EnvironmentEntity.class)
        .getResultList());
  }

  /** @return a page of the environments that are not destroyed, newest first */
  Page<EnvironmentEntity> page(PageRequest page) {
    String destroyed = EnvironmentState.DESTROYED.name();
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(e) FROM EnvironmentEntity e WHERE e.state <> :d", Long.class)
          .setParameter("d", destroyed).getSingleResult();
      List<EnvironmentEntity> items = em.createQuery(
          "SELECT e FROM EnvironmentEntity e WHERE e.state <> :d ORDER BY e.createdAt DESC", EnvironmentEntity.class)
          .setParameter("d", destroyed).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }
}
