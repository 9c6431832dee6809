package dev.stoker.environments.internal;

import dev.stoker.api.environment.LifecycleAction;

/**
 * What an operation on an environment does. The ids are what {@code stoker_operation.kind} holds and what the
 * API shows as {@code Operation.kind}; they never change, so rows written by earlier versions stay readable.
 */
enum OperationKind {
  CREATE("environment.create", null, false),
  START("environment.start", LifecycleAction.START, false),
  STOP("environment.stop", LifecycleAction.STOP, false),
  RESTART("environment.restart", LifecycleAction.RESTART, false),
  DESTROY("environment.destroy", LifecycleAction.DESTROY, false),
  DESTROY_WITH_VOLUME("environment.destroy-with-volume", LifecycleAction.DESTROY_WITH_VOLUME, false),
  BACKUP("environment.backup", null, true),
  RESTORE("environment.restore", null, true),
  ROLLBACK("environment.rollback", null, true),
  UPGRADE("environment.upgrade", null, true);

  private final String id;
  private final LifecycleAction action;
  private final boolean audited;

  OperationKind(String id, LifecycleAction action, boolean audited) {
    this.id = id;
    this.action = action;
    this.audited = audited;
  }

  /** @return the stored and shown id, e.g. {@code environment.destroy-with-volume} */
  String id() {
    return id;
  }

  /** @return the lifecycle action this kind carries out, or {@code null} */
  LifecycleAction action() {
    return action;
  }

  /** @return whether the end of the operation is audited (the request itself always is, by the REST layer) */
  boolean audited() {
    return audited;
  }

  /** @return the kind that carries out a lifecycle action */
  static OperationKind of(LifecycleAction action) {
    for (OperationKind k : values()) {
      if (k.action == action) {
        return k;
      }
    }
    throw new IllegalArgumentException("no operation for " + action);
  }

  /**
   * @param id a stored id
   * @return its kind
   * @throws IllegalStateException for an id no version of Stoker wrote
   */
  static OperationKind fromId(String id) {
    for (OperationKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalStateException("unknown operation kind '" + id + "'");
  }
}
