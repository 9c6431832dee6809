package dev.stoker.environments.internal;

import java.time.Duration;

/** Settings of the environment service in plain form, so tests need no annotation proxy. */
record Settings(String defaultHost, String publishedAddress, int workers, Duration readyTimeout,
    Duration reconcileEvery, boolean destroyOnTeardown, Duration probeInterval, Duration imageCheck,
    long maxArtifactBytes, String backupApiKeySecret) {

  Settings(String defaultHost, String publishedAddress, int workers, Duration readyTimeout, Duration reconcileEvery,
      boolean destroyOnTeardown, Duration probeInterval) {
    this(defaultHost, publishedAddress, workers, readyTimeout, reconcileEvery, destroyOnTeardown, probeInterval,
        Duration.ofSeconds(20), 2L << 30, "");
  }

  static Settings of(EnvironmentsConfig c) {
    return new Settings(c.defaultHost(), c.publishedAddress(), workers(c.workers()),
        Duration.ofSeconds(c.readyTimeoutSeconds()), Duration.ofSeconds(Math.max(5, c.reconcileSeconds())),
        "destroy".equalsIgnoreCase(c.teardownPolicy()), Duration.ofMillis(Math.max(50, c.probeIntervalMillis())),
        Duration.ofSeconds(Math.max(1, c.imageCheckSeconds())), Math.max(1, c.maxArtifactMegabytes()) * 1024L * 1024L,
        c.backupApiKeySecret() == null ? "" : c.backupApiKeySecret().strip());
  }

  /**
   * A worker holds an operation until its gateway is ready, and mostly waits (pulls, container starts,
   * probes): the default lets a burst of requests boot together, as a script of {@code docker run}s would.
   */
  static int workers(int configured) {
    return configured > 0 ? configured : Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  }
}
