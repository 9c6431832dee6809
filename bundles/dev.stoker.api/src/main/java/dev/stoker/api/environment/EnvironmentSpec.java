package dev.stoker.api.environment;

import dev.stoker.api.common.Nullable;
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
public record EnvironmentSpec(String name, String platform, @Nullable String version, @Nullable String image,
    Stage stage, List<ArtifactRef> modules, List<ArtifactRef> jdbcDrivers, Map<String, String> secrets,
    @Nullable ArtifactRef restoreBackup, Map<String, Integer> ports, @Nullable ResourceLimits limits,
    @Nullable Duration ttl, @Nullable Duration idleTimeout, Map<String, String> labels, @Nullable String host) {
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

  /**
   * @param name the environment's name
   * @param platform the platform id
   * @param stage the delivery stage
   * @return a builder for a spec with nothing else set (no overlays, secrets, ports or limits)
   */
  public static Builder builder(String name, String platform, Stage stage) {
    return new Builder(name, platform, stage);
  }

  /** Builds a spec field by field; fields left alone keep their empty defaults. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String platform;
    private final Stage stage;
    private String version;
    private String image;
    private List<ArtifactRef> modules = List.of();
    private List<ArtifactRef> jdbcDrivers = List.of();
    private Map<String, String> secrets = Map.of();
    private ArtifactRef restoreBackup;
    private Map<String, Integer> ports = Map.of();
    private ResourceLimits limits = ResourceLimits.NONE;
    private Duration ttl;
    private Duration idleTimeout;
    private Map<String, String> labels = Map.of();
    private String host;

    private Builder(String name, String platform, Stage stage) {
      this.name = name;
      this.platform = platform;
      this.stage = stage;
    }

    /** @return this, with the platform version */
    public Builder version(String value) {
      this.version = value;
      return this;
    }

    /** @return this, with an explicit image */
    public Builder image(String value) {
      this.image = value;
      return this;
    }

    /** @return this, with module files */
    public Builder modules(List<ArtifactRef> value) {
      this.modules = value;
      return this;
    }

    /** @return this, with JDBC driver files */
    public Builder jdbcDrivers(List<ArtifactRef> value) {
      this.jdbcDrivers = value;
      return this;
    }

    /** @return this, with platform variable → secret path pairs */
    public Builder secrets(Map<String, String> value) {
      this.secrets = value;
      return this;
    }

    /** @return this, with a backup to restore at first start */
    public Builder restoreBackup(ArtifactRef value) {
      this.restoreBackup = value;
      return this;
    }

    /** @return this, with port name → host port */
    public Builder ports(Map<String, Integer> value) {
      this.ports = value;
      return this;
    }

    /** @return this, with container limits */
    public Builder limits(ResourceLimits value) {
      this.limits = value;
      return this;
    }

    /** @return this, with a lifetime */
    public Builder ttl(Duration value) {
      this.ttl = value;
      return this;
    }

    /** @return this, with an idle timeout */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = value;
      return this;
    }

    /** @return this, with free labels */
    public Builder labels(Map<String, String> value) {
      this.labels = value;
      return this;
    }

    /** @return this, with a runtime host */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** @return the spec */
    public EnvironmentSpec build() {
      return new EnvironmentSpec(name, platform, version, image, stage, modules, jdbcDrivers, secrets, restoreBackup,
          ports, limits, ttl, idleTimeout, labels, host);
    }
  }
}
