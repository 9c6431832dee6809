package dev.stoker.api.environment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of an environment: {@code REQUESTED → PROVISIONING → STARTING → RUNNING}; {@code STOPPED};
 * {@code FAILED} (with a reason); {@code DESTROYED} (final).
 */
public enum EnvironmentState {
  REQUESTED, PROVISIONING, STARTING, RUNNING, STOPPED, FAILED, DESTROYED;

  /** @return the states this state may move to */
  public Set<EnvironmentState> next() {
    return switch (this) {
      case REQUESTED -> EnumSet.of(PROVISIONING, FAILED, DESTROYED);
      case PROVISIONING -> EnumSet.of(STARTING, FAILED, DESTROYED);
      case STARTING -> EnumSet.of(RUNNING, STOPPED, FAILED, DESTROYED);
      case RUNNING -> EnumSet.of(STARTING, STOPPED, FAILED, DESTROYED);
      case STOPPED -> EnumSet.of(STARTING, PROVISIONING, FAILED, DESTROYED);
      case FAILED -> EnumSet.of(PROVISIONING, STARTING, STOPPED, DESTROYED);
      case DESTROYED -> EnumSet.noneOf(EnvironmentState.class);
    };
  }

  /** @return whether moving to {@code target} is allowed */
  public boolean canMoveTo(EnvironmentState target) {
    return next().contains(target);
  }
}
