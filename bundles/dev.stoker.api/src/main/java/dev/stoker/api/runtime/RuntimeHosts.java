package dev.stoker.api.runtime;

import java.util.List;
import java.util.Optional;

/**
 * The runtime hosts present now ({@link RuntimeBackend} services, one per {@link RuntimeBackend#hostId()}),
 * with the same rules as {@link dev.stoker.api.platform.PlatformRegistry}: highest {@code service.ranking}
 * wins, then the first registered; the next one takes over without a gap.
 *
 * <p>Threading: safe for concurrent use.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RuntimeHosts {

  /** @return the backend of a host, or empty when none is configured or it is down */
  Optional<RuntimeBackend> find(String hostId);

  /**
   * @return the backend of a host
   * @throws dev.stoker.api.common.UnavailableException naming the host and the configured ones
   */
  RuntimeBackend require(String hostId);

  /** @return the ids of the hosts present now, sorted */
  List<String> hostIds();
}
