package dev.stoker.api.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Live operations on one running gateway. Obtained from
 * {@link PlatformAdapter#gatewayClient(GatewayEndpoint)}; cheap to create, safe to use from one
 * thread at a time. Every method does network I/O and may block up to the adapter's timeouts.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface GatewayClient {

  /** @return the gateway's own description */
  GatewayInfo info() throws IOException;

  /** @return current metrics by name (e.g. {@code memory.used.bytes}, {@code cpu.usage}) */
  Map<String, Double> metrics() throws IOException;

  /**
   * The gateway's diagnostics beyond {@link #metrics()}: figures per database connection, tag provider, alarm
   * state and the like, as far as the gateway's API offers them. A part the gateway does not answer for is left
   * out rather than failing the whole call.
   *
   * @return the figures; by default none
   * @throws IOException when the gateway cannot be read at all
   * @since 1.4
   */
  default List<GatewayDiagnostic> diagnostics() throws IOException {
    return List.of();
  }

  /** @return names of the projects on the gateway */
  List<String> projectNames() throws IOException;

  /** @return the platform's export of one project (for Ignition a zip) */
  InputStream exportProject(String name) throws IOException;

  /** Imports a project export, replacing an existing project only when {@code overwrite}. */
  void importProject(String name, InputStream export, boolean overwrite) throws IOException;

  /** @return the tag export of one provider */
  InputStream exportTags(String provider) throws IOException;

  /** Imports tags with the given collision policy (platform words, e.g. {@code MergeOverwrite}). */
  void importTags(String provider, InputStream tags, String collisionPolicy) throws IOException;

  /** @return a full gateway backup */
  InputStream backup() throws IOException;

  /**
   * Whether {@link #backup()} can take a backup of this gateway while it runs. An Ignition 8.1 gateway cannot
   * (it has no API for it): Stoker then backs up an environment it runs as a snapshot of the gateway's data
   * volume, taken with the gateway stopped.
   *
   * @return {@code true} unless the adapter says otherwise
   * @since 1.4
   */
  default boolean takesBackups() {
    return true;
  }

  /** Restores a full gateway backup. */
  void restore(InputStream backup) throws IOException;

  /** Asks the gateway to re-read projects and configuration from disk. */
  void scan() throws IOException;

  /**
   * Whether {@link #projectNames()} and {@link #exportProject} can read projects back from this gateway. An
   * Ignition 8.1 gateway cannot (it has no API for it): check a deploy there with {@link #servesProject}.
   *
   * @return {@code true} unless the adapter says otherwise
   * @since 1.3
   */
  default boolean readsProjects() {
    return true;
  }

  /**
   * Whether the gateway has the project loaded and serves it now, as its last import or scan left it (a
   * gateway that does not watch its files loads what was written there only on a scan, which may run
   * shortly after it was asked for: poll).
   *
   * @return by default, whether {@link #projectNames()} lists it
   * @since 1.3
   */
  default boolean servesProject(String name) throws IOException {
    return projectNames().contains(name);
  }
}
