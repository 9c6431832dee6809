package dev.stoker.secrets.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@link SecretsConfig} resolved against Karaf's folders. The built-in store reads the master key settings;
 * the service reads the rest.
 */
record Settings(Path masterKeyFile, String masterKeyEnv, Path leaseDirectory, int maxValueBytes, Duration maxLease,
    Duration expiryWindow, Duration checkInterval, Duration leaseSweep, int generatorLength, String generatorAlphabet) {

  /** Where the master key was kept before it moved out of {@code data/}; moved to the new place at start. */
  static Path legacyMasterKeyFile(Path dataDir) {
    return dataDir.resolve("stoker").resolve("master.key");
  }

  static Settings of(SecretsConfig c, Path dataDir, Path etcDir) {
    Path stoker = dataDir.resolve("stoker");
    return new Settings(c.masterKeyFile().isBlank() ? etcDir.resolve("keys").resolve("master.key")
            : Path.of(c.masterKeyFile()),
        c.masterKeyEnv(), c.leaseDirectory().isBlank() ? stoker.resolve("leases") : Path.of(c.leaseDirectory()),
        c.maxValueBytes(), Duration.ofMinutes(c.maxLeaseMinutes()), Duration.ofDays(c.expiryWarningDays()),
        Duration.ofMinutes(c.checkIntervalMinutes()), Duration.ofSeconds(c.leaseSweepSeconds()),
        c.generatorLength(), c.generatorAlphabet());
  }

  /**
   * The defaults declared by {@link SecretsConfig}, for use outside the container, where no ConfigAdmin
   * builds the configuration.
   */
  static SecretsConfig defaultConfig() {
    return (SecretsConfig) Proxy.newProxyInstance(SecretsConfig.class.getClassLoader(),
        new Class<?>[] {SecretsConfig.class}, (proxy, method, args) -> method.getDefaultValue());
  }

  /** @return these settings with the master key kept in {@code file} */
  Settings withMasterKeyFile(Path file) {
    return new Settings(file, masterKeyEnv, leaseDirectory, maxValueBytes, maxLease, expiryWindow, checkInterval,
        leaseSweep, generatorLength, generatorAlphabet);
  }

  /** Karaf's configuration directory ({@code karaf.etc}), or {@code etc}. */
  static Path etcDir(org.osgi.framework.BundleContext context) {
    String etc = context.getProperty("karaf.etc");
    return Path.of(etc == null ? "etc" : etc);
  }

  /** Karaf's data directory ({@code karaf.data}), or {@code data}. */
  static Path dataDir(org.osgi.framework.BundleContext context) {
    String data = context.getProperty("karaf.data");
    return Path.of(data == null ? "data" : data);
  }
}
