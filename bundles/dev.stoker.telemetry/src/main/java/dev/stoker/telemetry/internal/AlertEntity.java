package dev.stoker.telemetry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.telemetry.Alert;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Row of {@code stoker_alert}: one alert with its state changes (JSON, the last {@value #MAX_HISTORY}). */
@Entity
@Table(name = "stoker_alert")
public class AlertEntity {
  static final int MAX_HISTORY = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Id
  @Column(name = "id")
  String id;
  @Column(name = "rule_id")
  String ruleId;
  @Column(name = "rule_name")
  String ruleName;
  @Column(name = "kind")
  String kind;
  @Column(name = "severity")
  String severity;
  @Column(name = "target")
  String target;
  @Column(name = "state")
  String state;
  @Column(name = "val")
  Double value;
  @Column(name = "message")
  String message;
  @Column(name = "silenced")
  boolean silenced;
  @Column(name = "since")
  long since;
  @Column(name = "fired_at")
  Long firedAt;
  @Column(name = "resolved_at")
  Long resolvedAt;
  @Column(name = "history")
  String history = "[]";

  public AlertEntity() {
    // for JPA
  }

  /** How a state change is stored: times as epoch milliseconds. */
  record Step(String state, long time, String message) {
  }

  private List<Step> steps() {
    try {
      return JSON.readValue(history, new TypeReference<List<Step>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored alert history is not JSON", e);
    }
  }

  /** Moves to {@code newState} at {@code time}, recording it in the history. */
  void moveTo(String newState, Instant time, String why) {
    List<Step> list = new ArrayList<>(steps());
    list.add(new Step(newState, time.toEpochMilli(), why));
    while (list.size() > MAX_HISTORY) {
      list.remove(0);
    }
    try {
      history = JSON.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert history cannot be written", e);
    }
    state = newState;
    message = why.length() > 1000 ? why.substring(0, 1000) : why;
  }

  Alert toAlert() {
    return new Alert(id, ruleId, ruleName, kind, severity, target, state, value, message, silenced,
        Instant.ofEpochMilli(since), firedAt == null ? null : Instant.ofEpochMilli(firedAt),
        resolvedAt == null ? null : Instant.ofEpochMilli(resolvedAt),
        steps().stream().map(t -> new Alert.Transition(t.state(), Instant.ofEpochMilli(t.time()), t.message()))
            .toList());
  }
}
