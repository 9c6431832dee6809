package dev.stoker.api.pipeline;

/**
 * What a gate decided.
 *
 * @param status passed, waiting (e.g. for an approval) or rejected
 * @param reason why
 */
public record GateDecision(Status status, String reason) {
  /** Gate states. */
  public enum Status {
    PASSED, WAITING, REJECTED
  }
}
