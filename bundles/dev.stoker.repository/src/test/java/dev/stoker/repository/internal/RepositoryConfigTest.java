package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.testing.OsgiConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a configuration of PID dev.stoker.repository becomes, and the distribution's file for it. */
class RepositoryConfigTest {
  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(RepositoryConfig.class, "dev.stoker.repository.cfg");
  }

  @Test
  void byDefaultFolderImportsAreOffAndMirrorsReachOnlyPublicHttpsOrSsh() {
    var settings = GitRepositoryService.Settings.of(OsgiConfigs.defaults(RepositoryConfig.class));
    assertEquals(List.of(), settings.importRoots());
    assertEquals(RemotePolicy.STRICT, settings.remotes());
  }

  @Test
  void listsAreSplitAndTrimmedAndAMergeIsKeptAtLeastADay() {
    var settings = GitRepositoryService.Settings.of(OsgiConfigs.of(RepositoryConfig.class, Map.of(
        "importRoots", "/srv/a, /srv/b,", "remoteAllowedHosts", "git.plant.local, 10.20.0.0/16",
        "mergeRetentionDays", 0)));
    assertEquals(List.of(Path.of("/srv/a"), Path.of("/srv/b")), settings.importRoots());
    assertEquals(List.of("git.plant.local", "10.20.0.0/16"), settings.remotes().allowedHosts());
    assertEquals(Duration.ofDays(1), settings.mergeRetention());
  }
}
