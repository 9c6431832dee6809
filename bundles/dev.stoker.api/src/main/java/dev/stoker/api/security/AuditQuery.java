package dev.stoker.api.security;

import java.time.Instant;

/**
 * Filter for reading the audit log; {@code null} fields do not filter.
 *
 * @param actor exact user name
 * @param action prefix of the action
 * @param target exact target
 * @param outcome outcome
 * @param from entries at or after this time
 * @param to entries before this time
 */
public record AuditQuery(String actor, String action, String target, AuditOutcome outcome, Instant from,
    Instant to) {
  /** @return a query that matches every entry */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null, null);
  }
}
