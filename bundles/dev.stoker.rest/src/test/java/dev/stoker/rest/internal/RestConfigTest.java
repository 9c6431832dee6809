package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.testing.OsgiConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

/** What a configuration of PID dev.stoker.rest does, and the distribution's file for it. */
class RestConfigTest {
  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(RestConfig.class, "dev.stoker.rest.cfg");
  }

  @Test
  void streamsAreBoundedAsConfigured() {
    for (RestConfig config : List.of(OsgiConfigs.defaults(RestConfig.class),
        OsgiConfigs.of(RestConfig.class, Map.of("maxStreamsPerUser", "3", "maxStreamMinutes", "5")))) {
      Streams streams = new Streams();
      streams.configure(config);
      assertEquals(Duration.ofMinutes(config.maxStreamMinutes()), streams.maxLifetime());
      List<Streams.Permit> held = new ArrayList<>();
      for (int i = 0; i < config.maxStreamsPerUser(); i++) {
        held.add(streams.open("erin"));
      }
      assertEquals(429, assertThrows(WebApplicationException.class, () -> streams.open("erin")).getResponse()
          .getStatus(), "one more than " + config.maxStreamsPerUser());
      held.forEach(Streams.Permit::close);
    }
  }
}
