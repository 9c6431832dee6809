package dev.stoker.api.telemetry;

import java.util.List;
import java.util.Optional;

/**
 * Alert rules, the alerts they raise and silences. Rules are evaluated on the service's own schedule against
 * the last gateway polls (and pipeline events); each firing or resolving alert that no silence matches is
 * posted on {@link dev.stoker.api.event.EventTopics#ALERT}, where integration routes (signed webhooks) pick
 * it up. Rules, alerts and silences are kept in the database.
 *
 * <p>Threading: every method is safe for concurrent use. The caller checks the caller's role.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AlertService {
  /** @return every rule, by name */
  List<AlertRule> rules();

  /** @return the rule, or empty */
  Optional<AlertRule> rule(String id);

  /**
   * @throws dev.stoker.api.common.InvalidInputException naming the field at fault
   * @throws dev.stoker.api.common.ConflictException when the name is taken
   */
  AlertRule createRule(AlertRuleSpec spec, String actor);

  /**
   * Replaces a rule; its open alerts resolve when the new rule no longer matches them.
   *
   * @throws dev.stoker.api.common.NotFoundException when there is no such rule
   */
  AlertRule updateRule(String id, AlertRuleSpec spec, String actor);

  /**
   * Deletes a rule; its open alerts resolve.
   *
   * @throws dev.stoker.api.common.NotFoundException when there is no such rule
   */
  void deleteRule(String id, String actor);

  /**
   * @param state one of {@link Alert#STATES}, or {@code null} for all
   * @param limit most alerts returned (1 to 1000)
   * @return alerts, the most recently begun first
   */
  List<Alert> alerts(String state, int limit);

  /** @return the alert, or empty */
  Optional<Alert> alert(String id);

  /** @return the silences that have not ended, by end */
  List<Silence> silences();

  /** @throws dev.stoker.api.common.InvalidInputException naming the field at fault */
  Silence createSilence(SilenceSpec spec, String actor);

  /** @throws dev.stoker.api.common.NotFoundException when there is no such silence */
  void deleteSilence(String id, String actor);

  /**
   * Takes alerts another system decided (e.g. an Alertmanager webhook): each is stored and listed with
   * {@link #alerts} as kind {@link AlertRule#EXTERNAL}, keyed by its source and fingerprint, so a repeated post
   * updates it and a resolved one resolves it. Nothing is announced (the other system notifies on its own).
   *
   * @param source where they come from, e.g. {@code alertmanager}
   * @param alerts the alerts, at most 1000
   * @param actor who posted them
   * @return the stored alerts, in the order given
   * @throws dev.stoker.api.common.InvalidInputException naming the field ({@code alerts[2].status}) when one is
   *     bad; then nothing is stored
   * @since 1.1
   */
  List<Alert> receive(String source, List<ExternalAlert> alerts, String actor);
}
