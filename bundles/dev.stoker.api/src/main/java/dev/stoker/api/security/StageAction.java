package dev.stoker.api.security;

/** What someone does on a stage, as {@link StagePolicy} rules it. */
public enum StageAction {
  /** Create, start, stop, restart, destroy, back up, restore, roll back or upgrade an environment. */
  CHANGE_ENVIRONMENT,
  /**
   * Use a secret on the stage: map it into a container, name it as a gateway API key for a backup or an
   * import, or as a remote's credential. Stoker reveals it on the requester's behalf.
   */
  USE_SECRET,
  /** Lay uploaded modules or JDBC drivers into an environment's gateway. */
  UPLOAD_OVERLAY,
  /** Deploy a project revision onto an environment of the stage (pipelines, imports into a gateway). */
  DEPLOY
}
