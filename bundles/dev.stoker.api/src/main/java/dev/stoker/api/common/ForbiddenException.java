package dev.stoker.api.common;

/**
 * The caller is known but may not do this: a role, scope or stage rule forbids it. The REST layer answers
 * 403. {@link #stage()} names the stage whose rule refused, when one did.
 */
public class ForbiddenException extends SecurityException {
  private static final long serialVersionUID = 1L;
  private final String stage;

  /** @param message what is forbidden and which role would allow it */
  public ForbiddenException(String message) {
    this(message, null);
  }

  /**
   * @param message what is forbidden and which role would allow it
   * @param stage the stage whose rule refused, or {@code null}
   */
  public ForbiddenException(String message, String stage) {
    super(message);
    this.stage = stage;
  }

  /** @return the stage whose rule refused, or {@code null} */
  public String stage() {
    return stage;
  }
}
