package dev.stoker.api.event;

/**
 * Property names of the events posted on {@link EventTopics}. Values are strings; events never carry
 * secret values.
 */
public final class EventProperties {
  /** Id of the object the event is about (environment, operation, project, secret path). */
  public static final String TARGET = "target";
  /** User or component that caused the event. */
  public static final String ACTOR = "actor";
  /** What happened, e.g. {@code added}, {@code removed}, {@code revision}, {@code merge}. */
  public static final String CHANGE = "change";
  /** Platform id ({@link EventTopics#PLATFORM}, environment and project events). */
  public static final String PLATFORM = "platform";
  /** New lifecycle state ({@link EventTopics#ENVIRONMENT}). */
  public static final String STATE = "state";
  /** Previous lifecycle state ({@link EventTopics#ENVIRONMENT}). */
  public static final String FROM = "from";
  /** Operation step ({@link EventTopics#OPERATION}). */
  public static final String STEP = "step";
  /** Progress in percent ({@link EventTopics#OPERATION}). */
  public static final String PERCENT = "percent";
  /** Operation status when it ends ({@link EventTopics#OPERATION}). */
  public static final String STATUS = "status";
  /** Human-readable message. */
  public static final String MESSAGE = "message";

  private EventProperties() {
  }
}
