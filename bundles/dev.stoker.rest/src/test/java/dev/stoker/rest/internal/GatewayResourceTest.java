package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.GatewayStatus;
import dev.stoker.api.telemetry.TelemetryService;
import dev.stoker.testing.Fakes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fleet list is the telemetry service's last polls, for viewers. */
class GatewayResourceTest {
  @Test
  void listsTheLastPollsForViewers() throws Exception {
    GatewayStatus g = new GatewayStatus("e1", "plant", "dev", "ignition", "local", false, Instant.EPOCH, null, "",
        "connection refused", Map.of());
    GatewayResource resource = new GatewayResource(Fakes.of(TelemetryService.class, Map.of("gateways",
        a -> List.of(g))));
    assertEquals(List.of(g), resource.list().items());
    assertEquals(Role.VIEWER, GatewayResource.class.getMethod("list").getAnnotation(Allow.class).value());
  }
}
