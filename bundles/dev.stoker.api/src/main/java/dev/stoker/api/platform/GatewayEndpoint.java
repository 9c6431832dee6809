package dev.stoker.api.platform;

import java.net.URI;

/**
 * Where and how to reach a running gateway.
 *
 * @param httpBase base HTTP address
 * @param apiKey the platform's API key (for Ignition 8.3 {@code name:secret}), or {@code null}
 * @param platformVersion the platform version the gateway runs (e.g. {@code 8.1.44}), or {@code null} when
 *     not known (the adapter then assumes its newest line or asks the gateway); since 1.3
 * @param files write access to the gateway's data folder, or {@code null} when Stoker cannot write there
 *     (a gateway it does not run, or a runtime host that cannot write into containers); since 1.3
 */
public record GatewayEndpoint(URI httpBase, String apiKey, String platformVersion, GatewayFiles files) {

  /** An endpoint of unknown version without file access (the 1.2 form). */
  public GatewayEndpoint(URI httpBase, String apiKey) {
    this(httpBase, apiKey, null, null);
  }

  @Override
  public String toString() {
    return "GatewayEndpoint[" + httpBase + (apiKey == null ? "" : ", apiKey=***")
        + (platformVersion == null ? "" : ", version=" + platformVersion) + (files == null ? "" : ", files") + "]";
  }
}
