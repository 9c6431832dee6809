package dev.stoker.telemetry.internal;

import dev.stoker.testing.OsgiConfigs;
import org.junit.jupiter.api.Test;

class TelemetryConfigFileTest {
  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(TelemetryConfig.class, "dev.stoker.telemetry.cfg");
  }
}
