package dev.stoker.api.platform;

import java.net.URI;

/**
 * Where and how to reach a running gateway.
 *
 * @param httpBase base HTTP address
 * @param apiKey the platform's API key (for Ignition 8.3 {@code name:secret}), or {@code null}
 */
public record GatewayEndpoint(URI httpBase, String apiKey) {
  @Override
  public String toString() {
    return "GatewayEndpoint[" + httpBase + (apiKey == null ? "" : ", apiKey=***") + "]";
  }
}
