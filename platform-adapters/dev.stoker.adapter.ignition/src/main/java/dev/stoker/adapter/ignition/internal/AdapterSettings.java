package dev.stoker.adapter.ignition.internal;

import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * {@link IgnitionConfig} checked and in the units the adapter works with.
 *
 * @param imageRepository83 image repository for 8.3 gateways
 * @param imageRepository81 image repository for 8.1 gateways
 * @param defaultVersion83 version used when a request names only the 8.3 line
 * @param defaultVersion81 version used when a request names only the 8.1 line
 * @param adminUsername default gateway admin user
 * @param adminPasswordSecret secret path of the admin password when the request names none
 * @param edition default edition
 * @param timeZone default time zone
 * @param heapPercent share of the container memory limit given to the heap
 * @param connectTimeout TCP connect timeout of gateway calls
 * @param requestTimeout timeout of small gateway calls
 * @param transferTimeout timeout until a transfer starts answering
 * @param probeTimeout timeout of one health probe
 */
record AdapterSettings(String imageRepository83, String imageRepository81, String defaultVersion83,
    String defaultVersion81, String adminUsername, String adminPasswordSecret, String edition, String timeZone,
    int heapPercent, Duration connectTimeout, Duration requestTimeout, Duration transferTimeout,
    Duration probeTimeout) {

  AdapterSettings {
    requireText("imageRepository83", imageRepository83);
    requireText("imageRepository81", imageRepository81);
    requireText("adminUsername", adminUsername);
    requireText("adminPasswordSecret", adminPasswordSecret);
    if (IgnitionVersion.parse(defaultVersion83).line() != IgnitionLine.V83) {
      throw new IllegalArgumentException("defaultVersion83: " + defaultVersion83 + " is not an 8.3.x version");
    }
    if (IgnitionVersion.parse(defaultVersion81).line() != IgnitionLine.V81) {
      throw new IllegalArgumentException("defaultVersion81: " + defaultVersion81 + " is not an 8.1.x version");
    }
    if (!java.util.Set.of("standard", "edge", "maker").contains(edition)) {
      throw new IllegalArgumentException("edition: must be standard, edge or maker, got '" + edition + "'");
    }
    try {
      java.time.ZoneId.of(timeZone);
    } catch (java.time.DateTimeException | NullPointerException e) {
      throw new IllegalArgumentException("timeZone: '" + timeZone + "' is not a time zone");
    }
    if (heapPercent < 10 || heapPercent > 100) {
      throw new IllegalArgumentException("heapPercent: must be between 10 and 100, got " + heapPercent);
    }
  }

  /**
   * The defaults declared by {@link IgnitionConfig}, for use outside the container (tests of other modules
   * build the adapter with them by reflection).
   */
  static AdapterSettings defaults() {
    return of((IgnitionConfig) Proxy.newProxyInstance(IgnitionConfig.class.getClassLoader(),
        new Class<?>[] {IgnitionConfig.class}, (proxy, method, args) -> method.getDefaultValue()));
  }

  static AdapterSettings of(IgnitionConfig c) {
    return new AdapterSettings(c.imageRepository83().strip(), c.imageRepository81().strip(),
        c.defaultVersion83().strip(), c.defaultVersion81().strip(), c.adminUsername().strip(),
        c.adminPasswordSecret().strip(), c.edition().strip(), c.timeZone().strip(), c.heapPercent(),
        positive("connectTimeoutMillis", Duration.ofMillis(c.connectTimeoutMillis())),
        positive("requestTimeoutSeconds", Duration.ofSeconds(c.requestTimeoutSeconds())),
        positive("transferTimeoutSeconds", Duration.ofSeconds(c.transferTimeoutSeconds())),
        positive("probeTimeoutMillis", Duration.ofMillis(c.probeTimeoutMillis())));
  }

  /** @return a copy pointing both lines at another image repository */
  AdapterSettings withImageRepository(String repository) {
    return new AdapterSettings(repository, repository, defaultVersion83, defaultVersion81, adminUsername,
        adminPasswordSecret, edition, timeZone, heapPercent, connectTimeout, requestTimeout, transferTimeout,
        probeTimeout);
  }

  String imageRepository(IgnitionLine line) {
    return line == IgnitionLine.V83 ? imageRepository83 : imageRepository81;
  }

  String defaultVersion(IgnitionLine line) {
    return line == IgnitionLine.V83 ? defaultVersion83 : defaultVersion81;
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + ": must not be empty");
    }
  }

  private static Duration positive(String key, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + ": must be positive");
    }
    return d;
  }
}
