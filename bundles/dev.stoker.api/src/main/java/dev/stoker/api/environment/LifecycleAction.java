package dev.stoker.api.environment;

import dev.stoker.api.common.InvalidInputException;

import java.util.Locale;

/** What can be asked of an existing environment. */
public enum LifecycleAction {
  START, STOP, RESTART,
  /** Removes the container and keeps the data volume. */
  DESTROY,
  /** Removes the container and its data volume. */
  DESTROY_WITH_VOLUME;

  /** @return the lower-case, hyphenated name used in URLs and commands */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @param id e.g. {@code stop} or {@code destroy-with-volume}
   * @return the action
   * @throws IllegalArgumentException for an unknown id
   */
  public static LifecycleAction fromId(String id) {
    for (LifecycleAction a : values()) {
      if (a.id().equalsIgnoreCase(id)) {
        return a;
      }
    }
    throw new InvalidInputException("action: unknown '" + id + "' (start, stop, restart, destroy, destroy-with-volume)");
  }
}
