package dev.stoker.api.telemetry;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One alert: a rule's condition holding for one target. It is {@value #PENDING} while the condition has held
 * for less than the rule's {@code forSeconds}, then {@value #FIRING}, then {@value #RESOLVED} when the
 * condition no longer holds (or the rule or its target went away). A pending alert whose condition clears
 * before it fires is dropped.
 *
 * @param id id
 * @param rule rule id
 * @param ruleName the rule's name when the alert began
 * @param kind the rule's kind
 * @param severity the rule's severity
 * @param target environment id (pipeline alerts: project id)
 * @param state {@value #PENDING}, {@value #FIRING} or {@value #RESOLVED}
 * @param value the last value seen of the rule's metric, or {@code null}
 * @param message what is wrong, for people
 * @param silenced whether a silence matched when it last changed state (no notification was sent then)
 * @param since when the condition was first seen holding
 * @param firedAt when it fired, or {@code null}
 * @param resolvedAt when it resolved, or {@code null}
 * @param history its state changes, oldest first
 */
public record Alert(String id, String rule, String ruleName, String kind, String severity, String target,
    String state, @Nullable Double value, String message, boolean silenced, Instant since, @Nullable Instant firedAt,
    @Nullable Instant resolvedAt, List<Transition> history) {
  /** State: the condition holds, not yet for long enough. */
  public static final String PENDING = "pending";
  /** State: the condition has held for the rule's {@code forSeconds}. */
  public static final String FIRING = "firing";
  /** State: the condition no longer holds. */
  public static final String RESOLVED = "resolved";
  /** Every state. */
  public static final List<String> STATES = List.of(PENDING, FIRING, RESOLVED);

  public Alert {
    history = List.copyOf(history);
  }

  /**
   * One state change.
   *
   * @param state the new state
   * @param time when
   * @param message why
   */
  public record Transition(String state, Instant time, String message) {
  }
}
