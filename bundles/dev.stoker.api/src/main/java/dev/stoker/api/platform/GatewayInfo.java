package dev.stoker.api.platform;

import java.util.Map;

/**
 * What a running gateway says about itself.
 *
 * @param name gateway name
 * @param version platform version
 * @param edition edition, e.g. {@code standard}
 * @param state state word as the gateway reports it
 * @param attributes further attributes (modules, drivers, licence) as strings
 */
public record GatewayInfo(String name, String version, String edition, String state,
    Map<String, String> attributes) {
  public GatewayInfo {
    attributes = Map.copyOf(attributes);
  }
}
