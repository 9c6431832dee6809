package dev.stoker.api.platform;

import java.net.URI;

/**
 * Decides whether a started gateway is usable.
 *
 * <p>Threading: called from provisioning workers, possibly for many gateways at once; must not keep
 * per-gateway state. Must not throw for network trouble: report {@link Readiness#STARTING}.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface HealthProbe {

  /**
   * @param httpBase the gateway's HTTP base address as reachable from Stoker
   * @return what the gateway reports now
   */
  ProbeResult probe(URI httpBase);
}
