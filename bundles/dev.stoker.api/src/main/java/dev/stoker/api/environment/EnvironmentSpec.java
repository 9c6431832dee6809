package dev.stoker.api.environment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an engineer asks for when requesting an environment.
 *
 * @param name unique name (DNS label: lower-case letters, digits, hyphens)
 * @param platform platform id, e.g. {@code ignition}
 * @param version platform version, e.g. {@code 8.3.4}; or {@code null} when {@code image} is given
 * @param image explicit container image, overriding the adapter's default, or {@code null}
 * @param stage delivery stage
 * @param modules module files to lay before first boot
 * @param jdbcDrivers JDBC driver jars to lay before first boot
 * @param secrets platform variable → secret path (values are never held here)
 * @param restoreBackup backup to restore at first start, or {@code null}
 * @param ports port name → host port; missing ports get a free host port
 * @param limits container limits
 * @param ttl lifetime after which the environment is torn down, or {@code null}
 * @param idleTimeout idle time after which it is torn down, or {@code null}
 * @param labels free labels
 * @param host id of the runtime host (site) to run on, or {@code null} for the configured default; since 1.2
 */
public record EnvironmentSpec(String name, String platform, String version, String image, Stage stage,
    List<ArtifactRef> modules, List<ArtifactRef> jdbcDrivers, Map<String, String> secrets,
    ArtifactRef restoreBackup, Map<String, Integer> ports, ResourceLimits limits, Duration ttl,
    Duration idleTimeout, Map<String, String> labels, String host) {
  public EnvironmentSpec {
    modules = List.copyOf(modules);
    jdbcDrivers = List.copyOf(jdbcDrivers);
    secrets = Map.copyOf(secrets);
    ports = Map.copyOf(ports);
    labels = Map.copyOf(labels);
  }

  /** A spec for the default runtime host (the 1.1 form). */
  public EnvironmentSpec(String name, String platform, String version, String image, Stage stage,
      List<ArtifactRef> modules, List<ArtifactRef> jdbcDrivers, Map<String, String> secrets,
      ArtifactRef restoreBackup, Map<String, Integer> ports, ResourceLimits limits, Duration ttl,
      Duration idleTimeout, Map<String, String> labels) {
    this(name, platform, version, image, stage, modules, jdbcDrivers, secrets, restoreBackup, ports, limits, ttl,
        idleTimeout, labels, null);
  }
}
