package dev.stoker.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.runtime.ContainerStats;
import dev.stoker.api.runtime.FilesystemUsage;
import dev.stoker.testing.OsgiConfigs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reads the stats of a real emulator container (memory against its limit, CPU, network) and the usage of its data
 * volume from the Docker engine. Enabled like {@link DockerEngineTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "stoker.docker.tests", matches = "true", disabledReason = "Docker engine tests "
    + "skipped: run with -Dstoker.docker.tests=true")
class ContainerStatsTest {
  private static final long LIMIT = 256L << 20;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String image = System.getProperty("stoker.emulator.image", "stoker/ignition-emulator:8.3.4");
  private DockerRuntimeBackend docker;
  private String container;
  private final String volume = "stoker-t-" + run + "-stats";

  @BeforeAll
  void start() throws IOException {
    docker = new DockerRuntimeBackend(DockerHostSettings.from(
        OsgiConfigs.of(DockerHostConfig.class, Map.of("hostId", "s-" + run))));
    docker.ensureImage(image);
    docker.ensureVolume(volume, Map.of());
    container = docker.create(new ContainerSpec("stoker-t-" + run + "-stats", image,
        Map.of("ACCEPT_IGNITION_EULA", "Y", "GATEWAY_ADMIN_PASSWORD", "password"), List.of(), Map.of(8088, 0),
        volume, "/usr/local/bin/ignition/data", Map.of(), Map.of(), new ResourceLimits(LIMIT, 1.0)));
    docker.start(container);
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (container != null) {
      docker.remove(container, volume);
    }
    docker.close();
  }

  @Test
  void memoryCpuAndNetworkOfARunningContainer() throws IOException {
    Instant before = Instant.now().minusSeconds(5);
    ContainerStats s = docker.stats(container);
    assertEquals(LIMIT, s.memoryLimitBytes(), "the container's memory limit");
    assertTrue(s.memoryUsedBytes() > 1 << 20 && s.memoryUsedBytes() < LIMIT, "used " + s.memoryUsedBytes());
    assertTrue(s.onlineCpus() >= 1, "cpus " + s.onlineCpus());
    assertTrue(!s.read().isBefore(before), "read " + s.read());
    // the engine waits one sampling period, so a running container has a previous reading to compare with
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
      double cpu = docker.stats(container).cpuRatio();
      return cpu >= 0 && cpu <= 1;
    });
    assertTrue(s.networkReceivedBytes() >= 0 && s.networkSentBytes() >= 0);
  }

  @Test
  void dataVolumeUsage() throws IOException {
    FilesystemUsage u = docker.filesystemUsage(container, "/usr/local/bin/ignition/data");
    assertEquals("/usr/local/bin/ignition/data", u.path());
    assertTrue(u.usedBytes() > 0 && u.usedBytes() <= u.totalBytes(), u.toString());
    assertTrue(u.usedRatio() > 0 && u.usedRatio() <= 1, u.toString());
  }

  @Test
  void missingPathAndUnknownContainerAreErrors() {
    IOException missing = assertThrows(IOException.class,
        () -> docker.filesystemUsage(container, "/no/such/path-" + run));
    assertTrue(missing.getMessage().contains("/no/such/path-" + run), missing.getMessage());
    assertThrows(IOException.class, () -> docker.stats("no-such-container-" + run));
  }
}
