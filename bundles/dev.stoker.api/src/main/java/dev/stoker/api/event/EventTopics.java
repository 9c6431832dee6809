package dev.stoker.api.event;

/**
 * Event topics, in OSGi EventAdmin syntax ({@code /} separated); property names are in
 * {@link EventProperties}. Every topic here is posted by some bundle; a pillar adds its topic when it
 * starts posting it.
 */
public final class EventTopics {
  /** Prefix shared by every Stoker topic. */
  public static final String PREFIX = "dev/stoker/";
  /** An entry was appended to the audit log. */
  public static final String AUDIT = PREFIX + "audit";
  /** A platform adapter appeared or disappeared. */
  public static final String PLATFORM = PREFIX + "platform";
  /** An environment changed state. */
  public static final String ENVIRONMENT = PREFIX + "environment";
  /** An operation reported progress or ended. */
  public static final String OPERATION = PREFIX + "operation";
  /** A project revision, merge or release was recorded. */
  public static final String REPOSITORY = PREFIX + "repository";
  /**
   * A pipeline run changed: queued, running, waiting, waiting-approval (approvers are told through this), or
   * ended; properties {@code run}, {@code project}, {@code status}, {@code stage}, {@code step}, {@code link}.
   */
  public static final String PIPELINE = PREFIX + "pipeline";
  /** A secret was written, rotated or is about to expire. */
  public static final String SECRET = PREFIX + "secret";
  /**
   * A running environment's gateway stopped answering telemetry polls ({@code change=down}) or answers
   * again ({@code change=up}); {@code target} is the environment id.
   *
   * @since 2.1
   */
  public static final String TELEMETRY = PREFIX + "telemetry";
  /**
   * An alert fired ({@code change=firing}) or resolved ({@code change=resolved}); {@code target} is the
   * environment (or project) id, further properties {@code alert}, {@code rule}, {@code ruleName},
   * {@code kind}, {@code severity}, {@code state}, {@code value}, {@code message}. Silenced alerts are not
   * posted.
   *
   * @since 2.3
   */
  public static final String ALERT = PREFIX + "alert";

  private EventTopics() {
  }
}
