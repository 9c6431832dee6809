package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;
import java.time.Instant;

/**
 * A person's decision on a stage of a run.
 *
 * @param stage the stage decided on
 * @param user who decided
 * @param decision approve or reject
 * @param comment free text, or {@code null}
 * @param at when
 * @param breakGlass whether an admin overrode separation of duties (audited)
 */
public record Approval(String stage, String user, Decision decision, @Nullable String comment, Instant at,
    boolean breakGlass) {

  /** An approver's decision. */
  public enum Decision {
    APPROVE, REJECT,
    /** An admin lets a deploy of the stage start outside its deploy window (audited). */
    OVERRIDE_WINDOW
  }
}
