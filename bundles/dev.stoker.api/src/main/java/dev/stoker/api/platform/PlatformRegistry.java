package dev.stoker.api.platform;

import java.util.List;
import java.util.Optional;

/**
 * The platform adapters present now, one per platform id. Every part of Stoker that needs an adapter asks
 * this service for it, so that the rules are the same everywhere:
 * <ul>
 *   <li>Of several adapters registered for one platform id, the one with the highest
 *       {@code service.ranking} serves it; among equal rankings the one registered first.</li>
 *   <li>When the serving adapter leaves, the next one takes over without a moment in which the platform
 *       is missing.</li>
 *   <li>Each change of the serving adapter is posted on {@link dev.stoker.api.event.EventTopics#PLATFORM}
 *       with the properties {@code platform} and {@code change} ({@code added}, {@code replaced},
 *       {@code removed}).</li>
 *   <li>Work that uses an adapter holds a {@link AdapterLease}; when that adapter leaves, the lease is
 *       revoked and the work is told, so it fails with a clear reason instead of calling a departed
 *       bundle.</li>
 * </ul>
 *
 * <p>Threading: every method is safe for concurrent use and never blocks on the adapters.
 */
@org.osgi.annotation.versioning.ProviderType
public interface PlatformRegistry {

  /** @return the adapter serving the platform now, or empty */
  Optional<PlatformAdapter> find(String platformId);

  /**
   * @return the adapter serving the platform now
   * @throws dev.stoker.api.common.UnavailableException naming the platform and the installed ones when
   *     no adapter serves it
   */
  PlatformAdapter require(String platformId);

  /** @return the descriptors of the platforms served now, ordered by id */
  List<PlatformDescriptor> platforms();

  /**
   * Takes a lease on the adapter serving a platform now, for work that will call it for a while (a
   * provisioning, an import). Close it when the work ends.
   *
   * @throws dev.stoker.api.common.UnavailableException when no adapter serves the platform
   */
  AdapterLease lease(String platformId);
}
