package dev.stoker.api.runtime;

import dev.stoker.api.environment.ResourceLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link RuntimeBackend} creates.
 *
 * @param name container name
 * @param image image
 * @param environment environment variables (never secret values: secrets arrive as {@code files})
 * @param args command arguments
 * @param ports container port → host port (0 = any free port)
 * @param volume named volume to mount, or {@code null}
 * @param volumePath where to mount it
 * @param files host file → path inside the container, mounted read-only
 * @param labels labels, including {@code dev.stoker.environment=<id>}
 * @param limits limits
 */
public record ContainerSpec(String name, String image, Map<String, String> environment, List<String> args,
    Map<Integer, Integer> ports, String volume, String volumePath, Map<Path, String> files,
    Map<String, String> labels, ResourceLimits limits) {
  public ContainerSpec {
    environment = Map.copyOf(environment);
    args = List.copyOf(args);
    ports = Map.copyOf(ports);
    files = Map.copyOf(files);
    labels = Map.copyOf(labels);
  }
}
