package dev.stoker.api.platform;

import java.util.List;
import java.util.Map;

/**
 * How to run one gateway as a container: what an adapter tells a
 * {@link dev.stoker.api.runtime.RuntimeBackend}.
 *
 * @param image container image
 * @param ports ports the gateway listens on
 * @param environment plain (non-secret) environment variables
 * @param secretFiles secrets to deliver as {@code _FILE} mounts
 * @param args launch arguments
 * @param dataPath path of the persistent data volume inside the container
 * @param modulesPath folder inside the container where module files are laid before first boot
 * @param driversPath folder inside the container where JDBC driver jars are laid before first boot
 * @param restorePath path inside the container a backup to restore is mounted at, or {@code null}
 * @param probe the health probe
 * @param processUid uid the gateway process runs as inside the container; files Stoker hands the gateway
 *     (secrets, modules, drivers) are owned by it
 */
public record RuntimeProfile(String image, List<PortSpec> ports, Map<String, String> environment,
    List<SecretFile> secretFiles, List<String> args, String dataPath, String modulesPath,
    String driversPath, String restorePath, HealthProbe probe, int processUid) {
  public RuntimeProfile {
    ports = List.copyOf(ports);
    environment = Map.copyOf(environment);
    secretFiles = List.copyOf(secretFiles);
    args = List.copyOf(args);
  }
}
