package dev.stoker.store.internal;

import dev.stoker.testing.OsgiConfigs;
import org.junit.jupiter.api.Test;

/** The distribution's etc/dev.stoker.store.cfg names every key of {@link StoreConfig} with its default. */
class StoreConfigFileTest {
  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(StoreConfig.class, "dev.stoker.store.cfg");
  }
}
