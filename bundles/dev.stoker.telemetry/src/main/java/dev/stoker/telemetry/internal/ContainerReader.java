package dev.stoker.telemetry.internal;

import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerStats;
import dev.stoker.api.runtime.FilesystemUsage;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.runtime.RuntimeHosts;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads a gateway's container figures from its runtime host: memory, CPU and network from the runtime's stats,
 * and how full the data volume is. The container is found by the environment label the environment service puts
 * on it, once per environment (remembered until its container disappears). Blocks on the runtime's API.
 */
final class ContainerReader {
  static final String LABEL_ENVIRONMENT = "dev.stoker.environment";

  private final Supplier<RuntimeHosts> hosts;
  private final Map<String, String> containers = new ConcurrentHashMap<>();

  ContainerReader(Supplier<RuntimeHosts> hosts) {
    this.hosts = hosts;
  }

  /**
   * @param dataPath the data volume's path inside the container, or {@code null} to skip it
   * @return metrics by adapter-style names ({@code container.memory.used.bytes}, ...); empty when the environment
   *     has no runtime host here or no running container
   */
  Map<String, Double> read(PollTarget target, String dataPath) throws IOException {
    RuntimeHosts all = hosts.get();
    Optional<RuntimeBackend> backend = all == null || target.host().isEmpty() ? Optional.empty()
        : all.find(target.host());
    if (backend.isEmpty()) {
      return Map.of();
    }
    String id = containers.get(target.id());
    if (id == null) {
      id = backend.get().list(Map.of(LABEL_ENVIRONMENT, target.id())).stream().filter(ContainerInfo::running)
          .map(ContainerInfo::id).findFirst().orElse(null);
      if (id == null) {
        return Map.of();
      }
      containers.put(target.id(), id);
    }
    Map<String, Double> metrics = new HashMap<>();
    try {
      ContainerStats s = backend.get().stats(id);
      metrics.put("container.memory.used.bytes", (double) s.memoryUsedBytes());
      if (s.memoryLimitBytes() > 0) {
        metrics.put("container.memory.limit.bytes", (double) s.memoryLimitBytes());
      }
      if (!Double.isNaN(s.cpuRatio())) {
        metrics.put("container.cpu.usage", s.cpuRatio());
      }
      metrics.put("container.network.received.bytes", (double) s.networkReceivedBytes());
      metrics.put("container.network.sent.bytes", (double) s.networkSentBytes());
      if (dataPath != null) {
        FilesystemUsage u = backend.get().filesystemUsage(id, dataPath);
        metrics.put("volume.used.bytes", (double) u.usedBytes());
        metrics.put("volume.size.bytes", (double) u.totalBytes());
        metrics.put("volume.usage", u.usedRatio());
      }
    } catch (IOException e) {
      // the container may have been replaced (restore, redeploy): look it up again next time
      containers.remove(target.id());
      if (metrics.isEmpty()) {
        throw e;
      }
    }
    return metrics;
  }

  /** Forgets the containers of environments no longer polled. */
  void retain(Set<String> ids) {
    containers.keySet().retainAll(ids);
  }
}
