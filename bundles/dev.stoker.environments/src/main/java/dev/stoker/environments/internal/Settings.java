package dev.stoker.environments.internal;

import java.time.Duration;

/** {@link EnvironmentsConfig} checked and in the units the environment service works with. */
record Settings(String defaultHost, String publishedAddress, int workers, Duration readyTimeout,
    Duration reconcileEvery, boolean destroyOnTeardown, Duration probeInterval, Duration imageCheck,
    long maxArtifactBytes, String backupApiKeySecret) {

  static Settings of(EnvironmentsConfig c) {
    return new Settings(c.defaultHost(), c.publishedAddress(), workers(c.workers()),
        Duration.ofSeconds(c.readyTimeoutSeconds()), Duration.ofSeconds(Math.max(5, c.reconcileSeconds())),
        "destroy".equalsIgnoreCase(c.teardownPolicy()), Duration.ofMillis(Math.max(50, c.probeIntervalMillis())),
        Duration.ofSeconds(Math.max(1, c.imageCheckSeconds())), Math.max(1, c.maxArtifactMegabytes()) * 1024L * 1024L,
        c.backupApiKeySecret() == null ? "" : c.backupApiKeySecret().strip());
  }

  /** @return these settings with another probe interval, below the floor of 50 ms (for tests) */
  Settings withProbeInterval(Duration interval) {
    return new Settings(defaultHost, publishedAddress, workers, readyTimeout, reconcileEvery, destroyOnTeardown,
        interval, imageCheck, maxArtifactBytes, backupApiKeySecret);
  }

  /**
   * A worker holds an operation until its gateway is ready, and mostly waits (pulls, container starts,
   * probes): the default lets a burst of requests boot together, as a script of {@code docker run}s would.
   */
  static int workers(int configured) {
    return configured > 0 ? configured : Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  }
}
