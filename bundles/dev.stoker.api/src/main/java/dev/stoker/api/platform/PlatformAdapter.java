package dev.stoker.api.platform;

import dev.stoker.api.environment.EnvironmentSpec;

/**
 * The hot-plug point: a SCADA platform as Stoker sees it. An adapter bundle registers one service of
 * this type per platform; the core tracks these services dynamically, so installing the bundle makes
 * the platform available and stopping it makes it vanish, without restart.
 *
 * <p>Lifecycle: the service may go away at any time. Callers look the adapter up by
 * {@link PlatformDescriptor#id()} for each piece of work and do not keep references to it.
 *
 * <p>Threading: every method may be called concurrently and must not block on network I/O, except
 * through the objects it returns.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PlatformAdapter {

  /** @return what the adapter supports; constant for the service's lifetime */
  PlatformDescriptor descriptor();

  /**
   * @param spec the requested environment
   * @return how to run it
   * @throws dev.stoker.api.common.InvalidInputException naming the field when the spec does not suit this
   *     platform
   */
  RuntimeProfile runtimeProfile(EnvironmentSpec spec);

  /** @return a client for a running gateway */
  GatewayClient gatewayClient(GatewayEndpoint endpoint);

  /** @return the codec for this platform's exports */
  ArtifactCodec codec();

  /** @return the merger for this platform's resources */
  ResourceMerger merger();
}
