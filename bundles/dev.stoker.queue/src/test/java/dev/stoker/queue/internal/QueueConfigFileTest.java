package dev.stoker.queue.internal;

import dev.stoker.testing.OsgiConfigs;
import org.junit.jupiter.api.Test;

/** The distribution's etc/dev.stoker.queue.cfg names every key of {@link QueueConfig}. */
class QueueConfigFileTest {
  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(QueueConfig.class, "dev.stoker.queue.cfg");
  }
}
