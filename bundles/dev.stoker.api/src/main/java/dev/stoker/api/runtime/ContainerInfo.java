package dev.stoker.api.runtime;

import java.util.Map;

/**
 * A container as the runtime reports it.
 *
 * @param id runtime's container id
 * @param name container name
 * @param image image
 * @param running whether it runs
 * @param ports container port → published host port
 * @param labels labels
 */
public record ContainerInfo(String id, String name, String image, boolean running, Map<Integer, Integer> ports,
    Map<String, String> labels) {
  public ContainerInfo {
    ports = Map.copyOf(ports);
    labels = Map.copyOf(labels);
  }
}
