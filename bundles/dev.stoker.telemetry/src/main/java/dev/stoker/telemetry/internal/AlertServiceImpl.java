package dev.stoker.telemetry.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.AlertService;
import dev.stoker.api.telemetry.ExternalAlert;
import dev.stoker.api.telemetry.Silence;
import dev.stoker.api.telemetry.SilenceSpec;
import dev.stoker.api.telemetry.TelemetryService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service: rules, alerts and silences in the database, and the evaluation of the rules every
 * {@code alertEvaluationSeconds} against the telemetry service's last polls, plus pipeline events as they
 * come. Every change of alert state happens on the one evaluation thread (so two rounds never race) and is
 * stored in one transaction before it is announced on {@link EventTopics#ALERT}.
 */
@Component(service = {AlertService.class, EventHandler.class}, configurationPid = "dev.stoker.telemetry",
    property = EventConstants.EVENT_TOPIC + "=" + EventTopics.PIPELINE)
public class AlertServiceImpl implements AlertService, EventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AlertServiceImpl.class);
  static final int MAX_ALERTS = 1000;

  private final EntityManagerFactory emf;
  private final Transactions tx;
  private final TelemetryService telemetry;
  private final EnvironmentService environments;
  private final Clock clock;
  private final Duration historyKept;
  private final Events announcer;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stoker-alerts");
    t.setDaemon(true);
    return t;
  });

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile EventAdmin events;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile SecretService secrets;

  @Activate
  public AlertServiceImpl(@Reference Persistence persistence, @Reference TelemetryService telemetry,
      @Reference EnvironmentService environments, TelemetryConfig config) {
    this(persistence, telemetry, environments, config, Clock.systemUTC());
    long every = Math.max(1, config.alertEvaluationSeconds());
    thread.scheduleWithFixedDelay(this::evaluateQuietly, every, every, TimeUnit.SECONDS);
  }

  AlertServiceImpl(Persistence persistence, TelemetryService telemetry, EnvironmentService environments,
      TelemetryConfig config, Clock clock) {
    this.emf = persistence.createEntityManagerFactory("stoker-alerts",
        List.of(AlertRuleEntity.class, AlertEntity.class, SilenceEntity.class));
    this.tx = new Transactions(emf);
    this.telemetry = telemetry;
    this.environments = environments;
    this.clock = clock;
    this.historyKept = Duration.ofDays(Math.max(1, config.alertHistoryDays()));
    this.announcer = new Events(() -> events);
  }

  @Deactivate
  void deactivate() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    emf.close();
  }

  // ---- rules

  @Override
  public List<AlertRule> rules() {
    return tx.read(em -> em.createQuery("SELECT r FROM AlertRuleEntity r ORDER BY r.name", AlertRuleEntity.class)
        .getResultList().stream().map(AlertRuleEntity::toRule).toList());
  }

  @Override
  public Optional<AlertRule> rule(String id) {
    return tx.read(em -> Optional.ofNullable(id == null ? null : em.find(AlertRuleEntity.class, id))
        .map(AlertRuleEntity::toRule));
  }

  @Override
  public AlertRule createRule(AlertRuleSpec spec, String actor) {
    AlertRuleEntity rule = AlertRules.check(spec, this::environmentExists);
    rule.id = UUID.randomUUID().toString();
    rule.createdBy = actor;
    rule.createdAt = clock.millis();
    rule.updatedAt = rule.createdAt;
    return storeRule(rule, true);
  }

  @Override
  public AlertRule updateRule(String id, AlertRuleSpec spec, String actor) {
    AlertRuleEntity checked = AlertRules.check(spec, this::environmentExists);
    AlertRuleEntity old = tx.read(em -> id == null ? null : em.find(AlertRuleEntity.class, id));
    if (old == null) {
      throw new NotFoundException("id", "no alert rule '" + id + "'");
    }
    checked.id = old.id;
    checked.createdBy = old.createdBy;
    checked.createdAt = old.createdAt;
    checked.updatedAt = clock.millis();
    return storeRule(checked, false);
  }

  private AlertRule storeRule(AlertRuleEntity rule, boolean create) {
    try {
      tx.write(em -> {
        Long taken = em.createQuery("SELECT COUNT(r) FROM AlertRuleEntity r WHERE r.name = :name AND r.id <> :id",
            Long.class).setParameter("name", rule.name).setParameter("id", rule.id).getSingleResult();
        if (taken > 0) {
          throw new ConflictException("name: an alert rule named '" + rule.name + "' exists");
        }
        if (create) {
          em.persist(rule);
        } else {
          em.merge(rule);
        }
        return null;
      });
    } catch (PersistenceException e) {
      // a concurrent create with the same name loses on the unique constraint
      throw new ConflictException("name: an alert rule named '" + rule.name + "' exists");
    }
    LOG.info("Alert rule '{}' ({}) {}", rule.name, rule.kind, create ? "created" : "updated");
    return rule.toRule();
  }

  @Override
  public void deleteRule(String id, String actor) {
    remove(AlertRuleEntity.class, id, "alert rule");
    thread.execute(this::evaluateQuietly); // its open alerts resolve now rather than at the next round
  }

  private void remove(Class<?> type, String id, String what) {
    boolean gone = tx.write(em -> {
      Object row = id == null ? null : em.find(type, id);
      if (row != null) {
        em.remove(row);
      }
      return row != null;
    });
    if (!gone) {
      throw new NotFoundException("id", "no " + what + " '" + id + "'");
    }
  }

  private boolean environmentExists(String id) {
    return environments.get(id).isPresent();
  }

  // ---- alerts

  @Override
  public List<Alert> alerts(String state, int limit) {
    if (state != null && !Alert.STATES.contains(state)) {
      throw new InvalidInputException("state", "one of " + String.join(", ", Alert.STATES));
    }
    if (limit < 1 || limit > MAX_ALERTS) {
      throw new InvalidInputException("limit", "between 1 and " + MAX_ALERTS);
    }
    return tx.read(em -> em.createQuery("SELECT a FROM AlertEntity a WHERE (:state IS NULL OR a.state = :state) "
        + "ORDER BY a.since DESC, a.id", AlertEntity.class).setParameter("state", state).setMaxResults(limit)
        .getResultList().stream().map(AlertEntity::toAlert).toList());
  }

  @Override
  public Optional<Alert> alert(String id) {
    return tx.read(em -> Optional.ofNullable(id == null ? null : em.find(AlertEntity.class, id))
        .map(AlertEntity::toAlert));
  }

  @Override
  public List<Alert> receive(String source, List<ExternalAlert> alerts, String actor) {
    ExternalAlerts.check(source, alerts);
    List<AlertEntity> rows = tx.write(em -> {
      List<AlertEntity> stored = ExternalAlerts.apply(source, alerts, id -> em.find(AlertEntity.class, id),
          clock.instant());
      return stored.stream().map(em::merge).toList();
    });
    LOG.info("{} alerts received from {} by {}", rows.size(), source, actor);
    return rows.stream().map(AlertEntity::toAlert).toList();
  }

  // ---- silences

  @Override
  public List<Silence> silences() {
    return tx.read(em -> em.createQuery("SELECT s FROM SilenceEntity s WHERE s.endsAt > :now ORDER BY s.endsAt, s.id",
        SilenceEntity.class).setParameter("now", clock.millis()).getResultList().stream()
        .map(SilenceEntity::toSilence).toList());
  }

  @Override
  public Silence createSilence(SilenceSpec spec, String actor) {
    SilenceEntity silence = AlertRules.check(spec, clock.instant(), id -> rule(id).isPresent());
    silence.id = UUID.randomUUID().toString();
    silence.createdBy = actor;
    tx.write(em -> {
      em.persist(silence);
      return null;
    });
    return silence.toSilence();
  }

  @Override
  public void deleteSilence(String id, String actor) {
    remove(SilenceEntity.class, id, "silence");
  }

  // ---- evaluation

  @Override
  public void handleEvent(Event event) {
    Object project = event.getProperty("project");
    Object status = event.getProperty("status");
    if (project instanceof String p && status instanceof String s && (s.equals("failed") || s.equals("succeeded"))) {
      Object run = event.getProperty("run");
      thread.execute(() -> apply((em, evaluator) -> evaluator.pipelineEnded(open(em), allRules(em), p, s,
          String.valueOf(run))));
    }
  }

  /**
   * One round over the last gateway polls and the secrets expiring within the longest window of the secret rules;
   * then forgets resolved alerts past {@code alertHistoryDays}.
   */
  void evaluate() {
    apply((em, evaluator) -> evaluator.gateways(open(em), allRules(em), telemetry.gateways()));
    SecretService store = secrets;
    if (store != null) {
      apply((em, evaluator) -> {
        List<AlertRuleEntity> rules = allRules(em);
        double days = rules.stream().filter(r -> r.enabled && r.kind.equals(AlertRule.SECRET_EXPIRING))
            .mapToDouble(r -> r.threshold).max().orElse(-1);
        List<SecretMetadata> expiring = days < 0 ? List.of()
            : store.expiring(clock.instant().plusSeconds(Math.round(days * 86400)));
        return evaluator.secrets(open(em), rules, expiring);
      });
    }
    tx.write(em -> em.createQuery("DELETE FROM AlertEntity a WHERE a.state = :state AND a.resolvedAt < :cut")
        .setParameter("state", Alert.RESOLVED).setParameter("cut", clock.millis() - historyKept.toMillis())
        .executeUpdate());
  }

  private void evaluateQuietly() {
    try {
      evaluate();
    } catch (RuntimeException e) {
      LOG.warn("alert evaluation failed, will retry: {}", e.toString());
    }
  }

  private interface Step {
    AlertEvaluator.Outcome run(EntityManager em, AlertEvaluator evaluator);
  }

  /** Runs a step of the evaluator in one transaction, then announces what fired or resolved. */
  private void apply(Step step) {
    AlertEvaluator.Outcome outcome = tx.write(em -> {
      List<SilenceEntity> silences = em.createQuery("SELECT s FROM SilenceEntity s WHERE s.endsAt > :now",
          SilenceEntity.class).setParameter("now", clock.millis()).getResultList();
      AlertEvaluator.Outcome o = step.run(em, new AlertEvaluator(clock.instant(), silences));
      o.save().forEach(em::merge);
      o.drop().forEach(a -> em.remove(em.merge(a)));
      return o;
    });
    for (AlertEntity a : outcome.announce()) {
      LOG.info("Alert {} {}: {}", a.ruleName, a.state, a.message);
      announcer.alertChanged(a);
    }
  }

  private static List<AlertEntity> open(EntityManager em) {
    return em.createQuery("SELECT a FROM AlertEntity a WHERE a.state <> :resolved", AlertEntity.class)
        .setParameter("resolved", Alert.RESOLVED).getResultList();
  }

  private static List<AlertRuleEntity> allRules(EntityManager em) {
    return em.createQuery("SELECT r FROM AlertRuleEntity r", AlertRuleEntity.class).getResultList();
  }
}
