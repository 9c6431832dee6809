package dev.stoker.runtime.docker.internal;

import java.time.Instant;
import java.util.Map;

/**
 * A container as {@code inspect} reports it: what {@link dev.stoker.api.runtime.ContainerInfo} lacks
 * (exit code, engine status, times). Proposed for {@code dev.stoker.api.environment}.
 *
 * @param id container id
 * @param name container name (without the leading slash)
 * @param image image the container was created from
 * @param running whether it runs
 * @param status engine status: {@code created}, {@code running}, {@code paused}, {@code restarting},
 *     {@code removing}, {@code exited} or {@code dead}
 * @param exitCode exit code of the last run, or {@code null} when it never ran or runs
 * @param oomKilled whether the last run was killed for lack of memory
 * @param error the engine's error for the last start, or {@code ""}
 * @param startedAt last start, or {@code null}
 * @param finishedAt last exit, or {@code null}
 * @param ports container port → published host port (only while running)
 * @param labels labels
 */
public record ContainerStatus(String id, String name, String image, boolean running, String status,
    Integer exitCode, boolean oomKilled, String error, Instant startedAt, Instant finishedAt,
    Map<Integer, Integer> ports, Map<String, String> labels) {
  public ContainerStatus {
    ports = Map.copyOf(ports);
    labels = Map.copyOf(labels);
  }
}
