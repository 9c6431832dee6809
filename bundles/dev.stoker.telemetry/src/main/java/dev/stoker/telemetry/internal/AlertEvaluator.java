package dev.stoker.telemetry.internal;

import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.GatewayStatus;
import dev.stoker.api.telemetry.Sample;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides the state changes of alerts, Prometheus-style: a rule's condition that holds for a target opens a
 * pending alert, which fires once the condition has held for the rule's {@code forSeconds}; a firing alert
 * resolves when the condition clears, its rule is gone or disabled, or its target is no longer polled; a
 * pending one that clears is dropped. Pure: works on the rows it is given and says what to save, drop and
 * announce; the caller runs it on one thread and stores the outcome in one transaction.
 */
final class AlertEvaluator {
  /** What one evaluation changed: rows to save, pending rows to delete, alerts to announce. */
  record Outcome(List<AlertEntity> save, List<AlertEntity> drop, List<AlertEntity> announce) {
    Outcome() {
      this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    boolean isEmpty() {
      return save.isEmpty() && drop.isEmpty();
    }
  }

  /** Rule kinds evaluated against the gateways' last polls. */
  static final Set<String> GATEWAY_KINDS = Set.of(AlertRule.GATEWAY_DOWN, AlertRule.METRIC_ABOVE,
      AlertRule.METRIC_BELOW, AlertRule.VOLUME_FULL);
  static final String VOLUME_SERIES = "stoker_gateway_volume_used_ratio";

  private final Instant now;
  private final List<SilenceEntity> silences;
  private final Outcome outcome = new Outcome();

  AlertEvaluator(Instant now, List<SilenceEntity> silences) {
    this.now = now;
    this.silences = silences;
  }

  static String key(String ruleId, String target) {
    return ruleId + "\n" + target;
  }

  /**
   * Evaluates the gateway rules against the last polls.
   *
   * @param rules every rule (disabled ones and pipeline rules included: their open alerts are looked after)
   * @param open the open (pending and firing) alerts
   */
  Outcome gateways(List<AlertEntity> open, List<AlertRuleEntity> rules, List<GatewayStatus> gateways) {
    Map<String, AlertEntity> byKey = new HashMap<>();
    open.forEach(a -> byKey.put(key(a.ruleId, a.target), a));
    Map<String, AlertRuleEntity> enabled = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (AlertRuleEntity rule : rules) {
      if (!rule.enabled) {
        continue;
      }
      enabled.put(rule.id, rule);
      if (!GATEWAY_KINDS.contains(rule.kind)) {
        continue;
      }
      for (GatewayStatus g : gateways) {
        if (rule.environment == null || rule.environment.equals(g.environment())) {
          String key = key(rule.id, g.environment());
          seen.add(key);
          condition(rule, g, byKey.get(key));
        }
      }
    }
    for (AlertEntity a : open) {
      AlertRuleEntity rule = enabled.get(a.ruleId);
      if (a.kind.equals(AlertRule.EXTERNAL)) {
        continue; // the sender resolves them
      }
      if (rule == null) {
        clear(a, "rule removed or disabled");
      } else if (GATEWAY_KINDS.contains(rule.kind) && !seen.contains(key(a.ruleId, a.target))) {
        clear(a, "environment '" + a.target + "' is no longer polled (not running)");
      }
    }
    return outcome;
  }

  /**
   * A pipeline run ended: a failure opens (fires) an alert per matching rule and project, a success resolves
   * the project's open ones.
   */
  Outcome pipelineEnded(List<AlertEntity> open, List<AlertRuleEntity> rules, String project, String status,
      String run) {
    for (AlertRuleEntity rule : rules) {
      if (!rule.enabled || !rule.kind.equals(AlertRule.PIPELINE_FAILED)
          || rule.environment != null && !rule.environment.equals(project)) {
        continue;
      }
      AlertEntity existing = open.stream().filter(a -> a.ruleId.equals(rule.id) && a.target.equals(project))
          .findFirst().orElse(null);
      if ("failed".equals(status)) {
        String why = "pipeline run " + run + " of project '" + project + "' failed";
        if (existing == null) {
          fire(open(rule, project, null, why), why);
        } else {
          existing.message = why;
          outcome.save.add(existing);
        }
      } else if ("succeeded".equals(status) && existing != null) {
        clear(existing, "pipeline run " + run + " of project '" + project + "' succeeded");
      }
    }
    return outcome;
  }

  /**
   * The secret rules against the secrets that expire within the longest of their windows: an alert per rule and
   * secret ({@code scope:path}) whose latest version expires within the rule's days; it resolves when the secret
   * no longer does (a new version, or deleted).
   *
   * @param expiring latest versions expiring soon, as {@link dev.stoker.api.secrets.SecretService#expiring} lists
   */
  Outcome secrets(List<AlertEntity> open, List<AlertRuleEntity> rules, List<SecretMetadata> expiring) {
    for (AlertRuleEntity rule : rules) {
      if (!rule.enabled || !rule.kind.equals(AlertRule.SECRET_EXPIRING)) {
        continue;
      }
      Map<String, AlertEntity> byTarget = new HashMap<>();
      open.stream().filter(a -> a.ruleId.equals(rule.id)).forEach(a -> byTarget.put(a.target, a));
      Instant limit = now.plusSeconds(Math.round(rule.threshold * 86400));
      Set<String> seen = new HashSet<>();
      for (SecretMetadata m : expiring) {
        if (m.expires() == null || m.expires().isAfter(limit)) {
          continue;
        }
        String target = target(Scopes.reference(m.scope(), m.path()));
        if (!seen.add(target)) {
          continue;
        }
        double daysLeft = Math.floor(Duration.between(now, m.expires()).toHours() / 24.0 * 10) / 10;
        String why = "secret " + Scopes.reference(m.scope(), m.path()) + " (" + m.type().name().toLowerCase()
            + ", version " + m.version() + ") " + (m.expires().isAfter(now) ? "expires " : "expired ") + m.expires();
        settle(rule, target, byTarget.get(target), daysLeft, true, why);
      }
      byTarget.forEach((target, a) -> {
        if (!seen.contains(target)) {
          clear(a, "secret " + target + " no longer expires within " + rule.threshold + " days");
        }
      });
    }
    return outcome;
  }

  /** Alert targets are at most 100 characters (the column); longer secret references keep their end. */
  private static String target(String reference) {
    return reference.length() <= 100 ? reference : "…" + reference.substring(reference.length() - 99);
  }

  private void condition(AlertRuleEntity rule, GatewayStatus g, AlertEntity alert) {
    Double value;
    boolean holds;
    String why;
    if (rule.kind.equals(AlertRule.GATEWAY_DOWN)) {
      value = g.up() ? 1.0 : 0.0;
      holds = !g.up();
      why = "gateway of environment '" + g.name() + "' (" + g.environment() + ") is "
          + (holds ? "down" + (g.error() == null ? "" : ": " + g.error()) : "up");
    } else {
      String metric = rule.kind.equals(AlertRule.VOLUME_FULL) ? VOLUME_SERIES : rule.metric;
      value = GatewayBoard.samplesOf(g).stream().filter(s -> s.name().equals(metric)).map(Sample::value)
          .findFirst().orElse(null);
      boolean above = !rule.kind.equals(AlertRule.METRIC_BELOW);
      holds = value != null && (above ? value > rule.threshold : value < rule.threshold);
      String relation = value == null ? "not reported"
          : value + (value > rule.threshold ? " > " : value < rule.threshold ? " < " : " = ") + rule.threshold;
      why = metric + " of environment '" + g.name() + "' (" + g.environment() + "): " + relation;
    }
    settle(rule, g.environment(), alert, value, holds, why);
  }

  /** Opens, keeps, fires or clears the alert of a rule and target as the condition says. */
  private void settle(AlertRuleEntity rule, String target, AlertEntity alert, Double value, boolean holds,
      String why) {
    if (holds) {
      if (alert == null) {
        alert = open(rule, target, value, why);
      } else {
        alert.value = value;
        alert.message = why;
        outcome.save.add(alert);
      }
      if (alert.state.equals(Alert.PENDING) && now.toEpochMilli() - alert.since >= rule.forSeconds * 1000L) {
        fire(alert, why);
      }
    } else if (alert != null) {
      alert.value = value;
      clear(alert, why);
    }
  }

  private AlertEntity open(AlertRuleEntity rule, String target, Double value, String why) {
    AlertEntity a = new AlertEntity();
    a.id = UUID.randomUUID().toString();
    a.ruleId = rule.id;
    a.ruleName = rule.name;
    a.kind = rule.kind;
    a.severity = rule.severity;
    a.target = target;
    a.value = value;
    a.since = now.toEpochMilli();
    a.moveTo(Alert.PENDING, now, why);
    outcome.save.add(a);
    return a;
  }

  private void fire(AlertEntity a, String why) {
    a.firedAt = now.toEpochMilli();
    a.moveTo(Alert.FIRING, now, why);
    announce(a);
  }

  private void clear(AlertEntity a, String why) {
    if (a.state.equals(Alert.PENDING)) {
      outcome.drop.add(a);
      outcome.save.remove(a);
      return;
    }
    a.resolvedAt = now.toEpochMilli();
    a.moveTo(Alert.RESOLVED, now, why);
    announce(a);
  }

  private void announce(AlertEntity a) {
    a.silenced = silences.stream().anyMatch(s -> s.matches(a, now.toEpochMilli()));
    if (!outcome.save.contains(a)) {
      outcome.save.add(a);
    }
    if (!a.silenced) {
      outcome.announce.add(a);
    }
  }
}
