package dev.stoker.adapter.ignition.internal;

import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import java.util.List;
import java.util.Map;

/** Environment specs for tests, changed one field at a time. */
final class Specs {

  private Specs() {
  }

  static EnvironmentSpec of(String version) {
    return new EnvironmentSpec("plant-1", "ignition", version, null, Stage.DEV, List.of(), List.of(), Map.of(), null,
        Map.of(), ResourceLimits.NONE, null, null, Map.of());
  }

  static EnvironmentSpec withImage(EnvironmentSpec s, String version, String image) {
    return new EnvironmentSpec(s.name(), s.platform(), version, image, s.stage(), s.modules(), s.jdbcDrivers(),
        s.secrets(), s.restoreBackup(), s.ports(), s.limits(), s.ttl(), s.idleTimeout(), s.labels());
  }

  static EnvironmentSpec withLabels(EnvironmentSpec s, Map<String, String> labels) {
    return new EnvironmentSpec(s.name(), s.platform(), s.version(), s.image(), s.stage(), s.modules(),
        s.jdbcDrivers(), s.secrets(), s.restoreBackup(), s.ports(), s.limits(), s.ttl(), s.idleTimeout(), labels);
  }

  static EnvironmentSpec withSecrets(EnvironmentSpec s, Map<String, String> secrets) {
    return new EnvironmentSpec(s.name(), s.platform(), s.version(), s.image(), s.stage(), s.modules(),
        s.jdbcDrivers(), secrets, s.restoreBackup(), s.ports(), s.limits(), s.ttl(), s.idleTimeout(), s.labels());
  }

  static EnvironmentSpec withRestoreAndMemory(EnvironmentSpec s, ArtifactRef backup, long memoryBytes) {
    return new EnvironmentSpec(s.name(), s.platform(), s.version(), s.image(), s.stage(), s.modules(),
        s.jdbcDrivers(), s.secrets(), backup, s.ports(), new ResourceLimits(memoryBytes, 0), s.ttl(),
        s.idleTimeout(), s.labels());
  }

  static EnvironmentSpec withPorts(EnvironmentSpec s, Map<String, Integer> ports) {
    return new EnvironmentSpec(s.name(), s.platform(), s.version(), s.image(), s.stage(), s.modules(),
        s.jdbcDrivers(), s.secrets(), s.restoreBackup(), ports, s.limits(), s.ttl(), s.idleTimeout(), s.labels());
  }

  static EnvironmentSpec withPlatform(EnvironmentSpec s, String platform) {
    return new EnvironmentSpec(s.name(), platform, s.version(), s.image(), s.stage(), s.modules(), s.jdbcDrivers(),
        s.secrets(), s.restoreBackup(), s.ports(), s.limits(), s.ttl(), s.idleTimeout(), s.labels());
  }
}
