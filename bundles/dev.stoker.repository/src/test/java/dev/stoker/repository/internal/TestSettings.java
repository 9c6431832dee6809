package dev.stoker.repository.internal;

import dev.stoker.testing.OsgiConfigs;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link GitRepositoryService.Settings} as the component builds them from a {@link RepositoryConfig}: the
 * defaults of the {@code @interface}, with limits small enough for fast tests (4 KiB blob threshold, 64 MiB
 * files, merges kept one day) and whatever a test overrides.
 */
final class TestSettings {
  private TestSettings() {
  }

  /** A service over {@code dir} with the real Ignition adapter, these settings and a project "plant". */
  static GitRepositoryService plant(java.nio.file.Path dir, java.time.Clock clock) throws java.io.IOException {
    GitRepositoryService repos = new GitRepositoryService(dir.resolve("repos"), new FileBlobStore(dir.resolve("blobs")),
        dev.stoker.platform.internal.TestRegistries.of(Exports.ignition()), small(), clock);
    repos.create("plant", "ignition", "", "lead");
    return repos;
  }

  static GitRepositoryService.Settings small() {
    return small(Map.of());
  }

  /** @param overrides configuration properties by name, e.g. {@code importRoots} or {@code allowHttpRemotes} */
  static GitRepositoryService.Settings small(Map<String, ?> overrides) {
    Map<String, Object> properties = new HashMap<>(Map.of("blobThreshold", 4096, "maxFileBytes", 64L << 20,
        "mergeRetentionDays", 1));
    properties.putAll(overrides);
    return GitRepositoryService.Settings.of(OsgiConfigs.of(RepositoryConfig.class, properties));
  }
}
