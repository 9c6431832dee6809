package dev.stoker.environments.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.runtime.RuntimeHosts;
import java.util.List;
import java.util.Optional;

/**
 * The platform adapters and runtime hosts present now, looked up through the platform bundle's registries,
 * with the answers the environment API gives when one is missing.
 */
final class Registries {
  private final PlatformRegistry platforms;
  private final RuntimeHosts hosts;

  Registries(PlatformRegistry platforms, RuntimeHosts hosts) {
    this.platforms = platforms;
    this.hosts = hosts;
  }

  /**
   * @return the adapter serving the platform now
   * @throws InvalidInputException naming {@code platform} and the installed ones when there is none
   */
  PlatformAdapter adapter(String platform) {
    return platforms.find(platform).orElseThrow(() -> new InvalidInputException("platform",
        "'" + platform + "' is not installed " + platforms.platforms().stream().map(PlatformDescriptor::id).toList()));
  }

  /** @return a lease on the adapter serving the platform now; see {@link PlatformRegistry#lease} */
  AdapterLease lease(String platform) {
    return platforms.lease(platform);
  }

  /**
   * @return the backend of a runtime host
   * @throws UnavailableException when the host is not there
   */
  RuntimeBackend backend(String host) {
    return hosts.find(host).orElseThrow(() -> new UnavailableException("runtime host '" + host
        + "' is not available"));
  }

  Optional<RuntimeBackend> findBackend(String host) {
    return hosts.find(host);
  }

  /** @return the ids of the runtime hosts present now, sorted */
  List<String> hostIds() {
    return hosts.hostIds();
  }
}
