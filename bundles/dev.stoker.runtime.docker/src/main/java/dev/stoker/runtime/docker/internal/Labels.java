package dev.stoker.runtime.docker.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels Stoker puts on Docker objects. Everything a backend creates carries {@link #MANAGED_BY} and
 * {@link #HOST}, so that what one host made (helpers and orphans included) can be listed and removed.
 */
final class Labels {
  /** Label tying a container to its environment. */
  static final String ENVIRONMENT = "dev.stoker.environment";
  /** Label on everything a backend creates. */
  static final String MANAGED_BY = "dev.stoker.managed-by";
  /** Label naming the configured host that created the object. */
  static final String HOST = "dev.stoker.host";
  /** Label on short-lived helper containers (value: their purpose). */
  static final String HELPER = "dev.stoker.helper";
  /** Volume label: image whose content seeds the volume when files are copied into it. */
  static final String VOLUME_IMAGE = "dev.stoker.volume.image";
  /** Volume label: path the volume is mounted at in that image. */
  static final String VOLUME_PATH = "dev.stoker.volume.path";
  /** Volume label: {@code uid[:gid]} owning files copied into the volume. */
  static final String VOLUME_OWNER = "dev.stoker.volume.owner";

  private Labels() {
  }

  /** @return {@code labels} plus the two that mark an object as made by Stoker on {@code hostId} */
  static Map<String, String> managed(String hostId, Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels == null ? Map.of() : labels);
    all.put(MANAGED_BY, "stoker");
    all.put(HOST, hostId);
    return all;
  }
}
