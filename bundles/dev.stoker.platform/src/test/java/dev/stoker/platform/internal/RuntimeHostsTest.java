package dev.stoker.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.runtime.RuntimeBackend;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeHostsTest {
  private final RuntimeHostsImpl hosts = new RuntimeHostsImpl();

  @Test
  void aReconfiguredHostBoundBeforeTheOldOneLeavesServesWithoutGap() {
    Backend old = new Backend("local");
    Backend fresh = new Backend("local");
    hosts.addBackend(old, Map.of("service.id", 1L));
    hosts.addBackend(fresh, Map.of("service.id", 2L));
    assertSame(old, hosts.require("local"));
    hosts.removeBackend(old);
    assertSame(fresh, hosts.require("local"));
    assertEquals(List.of("local"), hosts.hostIds());
  }

  @Test
  void unknownHostNamesTheConfiguredOnes() {
    hosts.addBackend(new Backend("site-b"), Map.of("service.id", 1L));
    hosts.addBackend(new Backend("local"), Map.of("service.id", 2L));
    UnavailableException e = assertThrows(UnavailableException.class, () -> hosts.require("site-c"));
    assertEquals("runtime host 'site-c' is not available (configured: local, site-b)", e.getMessage());
    assertTrue(hosts.find("site-c").isEmpty());
  }

  /** Only the host id matters to the registry. */
  record Backend(String hostId) implements RuntimeBackend {
    @Override
    public void ensureImage(String image) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void ensureVolume(String name, Map<String, String> labels) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void copyIntoVolume(String volume, String path, InputStream content) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String create(ContainerSpec spec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void start(String containerId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void stop(String containerId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String containerId, String volume) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ContainerInfo> list(Map<String, String> labels) {
      throw new UnsupportedOperationException();
    }

    @Override
    public InputStream logs(String containerId, int tail, boolean follow) {
      throw new UnsupportedOperationException();
    }
  }
}
