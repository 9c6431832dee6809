package dev.stoker.runtime.docker.internal;

import java.time.Duration;
import java.util.Map;

/**
 * What {@link dev.stoker.api.runtime.ContainerSpec} cannot say yet (proposed for it).
 *
 * @param volumes further named volumes: volume name → path inside the container
 * @param stopGrace SIGTERM-to-SIGKILL grace period kept on the container, or {@code null} for the host's
 *     {@code stopGraceSeconds}
 */
public record CreateOptions(Map<String, String> volumes, Duration stopGrace) {
  /** Nothing extra. */
  public static final CreateOptions NONE = new CreateOptions(Map.of(), null);

  public CreateOptions {
    volumes = Map.copyOf(volumes);
  }
}
