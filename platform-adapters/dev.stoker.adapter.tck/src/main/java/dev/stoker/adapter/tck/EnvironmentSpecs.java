package dev.stoker.adapter.tck;

import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import java.util.List;
import java.util.Map;

/**
 * Environment specs for contract fixtures: a plain spec for one platform version, changed one field at a
 * time.
 */
public final class EnvironmentSpecs {

  private EnvironmentSpecs() {
  }

  /** @return a development environment named {@code tck-gateway} with nothing but the platform and version */
  public static EnvironmentSpec of(String platform, String version) {
    return new EnvironmentSpec("tck-gateway", platform, version, null, Stage.DEV, List.of(), List.of(), Map.of(),
        null, Map.of(), ResourceLimits.NONE, null, null, Map.of());
  }

  /** @return {@code spec} with another version and explicit image */
  public static EnvironmentSpec withVersionAndImage(EnvironmentSpec spec, String version, String image) {
    return new EnvironmentSpec(spec.name(), spec.platform(), version, image, spec.stage(), spec.modules(),
        spec.jdbcDrivers(), spec.secrets(), spec.restoreBackup(), spec.ports(), spec.limits(), spec.ttl(),
        spec.idleTimeout(), spec.labels(), spec.host());
  }

  /** @return {@code spec} with other secrets (variable → secret path) */
  public static EnvironmentSpec withSecrets(EnvironmentSpec spec, Map<String, String> secrets) {
    return new EnvironmentSpec(spec.name(), spec.platform(), spec.version(), spec.image(), spec.stage(),
        spec.modules(), spec.jdbcDrivers(), secrets, spec.restoreBackup(), spec.ports(), spec.limits(), spec.ttl(),
        spec.idleTimeout(), spec.labels(), spec.host());
  }

  /** @return {@code spec} with other requested host ports (port name → host port) */
  public static EnvironmentSpec withPorts(EnvironmentSpec spec, Map<String, Integer> ports) {
    return new EnvironmentSpec(spec.name(), spec.platform(), spec.version(), spec.image(), spec.stage(),
        spec.modules(), spec.jdbcDrivers(), spec.secrets(), spec.restoreBackup(), ports, spec.limits(), spec.ttl(),
        spec.idleTimeout(), spec.labels(), spec.host());
  }

  /** @return {@code spec} with other labels */
  public static EnvironmentSpec withLabels(EnvironmentSpec spec, Map<String, String> labels) {
    return new EnvironmentSpec(spec.name(), spec.platform(), spec.version(), spec.image(), spec.stage(),
        spec.modules(), spec.jdbcDrivers(), spec.secrets(), spec.restoreBackup(), spec.ports(), spec.limits(),
        spec.ttl(), spec.idleTimeout(), labels, spec.host());
  }

  /** @return {@code spec} for another platform id */
  public static EnvironmentSpec withPlatform(EnvironmentSpec spec, String platform) {
    return new EnvironmentSpec(spec.name(), platform, spec.version(), spec.image(), spec.stage(), spec.modules(),
        spec.jdbcDrivers(), spec.secrets(), spec.restoreBackup(), spec.ports(), spec.limits(), spec.ttl(),
        spec.idleTimeout(), spec.labels(), spec.host());
  }
}
