package dev.stoker.api.platform;

import java.util.List;
import java.util.Set;

/**
 * Describes a SCADA platform an adapter supports.
 *
 * @param id stable platform id used in requests and URLs, e.g. {@code ignition}
 * @param displayName name shown to users
 * @param vendor who makes the platform
 * @param adapterVersion version of the adapter bundle
 * @param versions supported release lines, newest first
 * @param capabilities what the adapter can do
 */
public record PlatformDescriptor(String id, String displayName, String vendor, String adapterVersion,
    List<PlatformVersion> versions, Set<Capability> capabilities) {
  public PlatformDescriptor {
    versions = List.copyOf(versions);
    capabilities = Set.copyOf(capabilities);
  }
}
