package dev.stoker.api.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSpecTest {
  @Test
  void theBuilderSetsWhatItIsGivenAndLeavesTheRestEmpty() {
    EnvironmentSpec spec = EnvironmentSpec.builder("gw-1", "ignition", Stage.TEST).version("8.3.4")
        .ports(Map.of("http", 18088)).ttl(Duration.ofHours(2)).host("site-b").build();
    assertEquals("gw-1", spec.name());
    assertEquals(Stage.TEST, spec.stage());
    assertEquals("8.3.4", spec.version());
    assertEquals(Map.of("http", 18088), spec.ports());
    assertEquals(Duration.ofHours(2), spec.ttl());
    assertEquals("site-b", spec.host());
    assertNull(spec.image());
    assertEquals(List.of(), spec.modules());
    assertEquals(ResourceLimits.NONE, spec.limits());
    assertEquals(Map.of(), spec.secrets());
  }
}
