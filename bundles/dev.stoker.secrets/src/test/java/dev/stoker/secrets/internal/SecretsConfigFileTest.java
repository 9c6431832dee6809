package dev.stoker.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.testing.OsgiConfigs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsConfigFileTest {
  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(SecretsConfig.class, "dev.stoker.secrets.cfg");
  }

  /** Outside the container the same defaults apply as inside, read from the annotation. */
  @Test
  void standaloneDefaultsAreTheAnnotationDefaults() {
    Path data = Path.of("data");
    Settings container = Settings.of(OsgiConfigs.defaults(SecretsConfig.class), data, Path.of("etc"));
    Settings standalone = Settings.of(Settings.defaultConfig(), data, Path.of("etc"));
    assertEquals(container, standalone);
    assertEquals(Fakes.settings(data, Map.of()), standalone.withMasterKeyFile(Settings.legacyMasterKeyFile(data)));
  }
}
