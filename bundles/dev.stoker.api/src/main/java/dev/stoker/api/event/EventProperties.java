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
  /** Branch a revision was recorded on or a merge moved ({@link EventTopics#REPOSITORY}). @since 2.2 */
  public static final String BRANCH = "branch";
  /** Commit id of the revision recorded, merged or released ({@link EventTopics#REPOSITORY}). @since 2.2 */
  public static final String REVISION = "revision";
  /** {@link #CHANGE} of a repository event: a revision was recorded on a branch (import, pull, save). @since 2.2 */
  public static final String CHANGE_REVISION = "revision";
  /** {@link #CHANGE} of a repository event: a merge concluded and moved its target branch. @since 2.2 */
  public static final String CHANGE_MERGE = "merge";
  /** {@link #CHANGE} of a repository event: a release was made. @since 2.2 */
  public static final String CHANGE_RELEASE = "release";

  private EventProperties() {
  }
}
