package dev.stoker.environments.internal;

import dev.stoker.testing.OsgiConfigs;
import org.junit.jupiter.api.Test;

/** The distribution's etc/dev.stoker.environments.cfg names every key of {@link EnvironmentsConfig}. */
class EnvironmentsConfigFileTest {
  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(EnvironmentsConfig.class, "dev.stoker.environments.cfg");
  }
}
