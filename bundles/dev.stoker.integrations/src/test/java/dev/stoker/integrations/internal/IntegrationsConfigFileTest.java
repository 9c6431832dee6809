package dev.stoker.integrations.internal;

import dev.stoker.testing.OsgiConfigs;
import org.junit.jupiter.api.Test;

/** The distribution's etc/dev.stoker.integrations.cfg names every key of {@link IntegrationsConfig}. */
class IntegrationsConfigFileTest {
  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(IntegrationsConfig.class, "dev.stoker.integrations.cfg");
  }
}
