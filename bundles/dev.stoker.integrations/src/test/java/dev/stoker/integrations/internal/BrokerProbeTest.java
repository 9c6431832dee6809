package dev.stoker.integrations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthStatus;
import org.junit.jupiter.api.Test;

/** The reflective probe against stand-ins that have the public methods of ActiveMQServer it uses. */
class BrokerProbeTest {
  public static class Version {
    public String getFullVersion() {
      return "2.40.0";
    }
  }

  public static class Control {
    public int getQueueCount() {
      return 3;
    }
  }

  public static class Server {
    final boolean active;

    Server(boolean active) {
      this.active = active;
    }

    public boolean isActive() {
      return active;
    }

    public Version getVersion() {
      return new Version();
    }

    public Control getActiveMQServerControl() {
      return new Control();
    }

    public String getState() {
      return "STARTING";
    }
  }

  public static class Broken {
    public Version getVersion() {
      throw new IllegalStateException("journal locked");
    }
  }

  @Test
  void upWithVersionAndQueues() {
    assertEquals(ComponentHealth.up("broker", "Artemis 2.40.0, 3 queues"), BrokerProbe.check(new Server(true)));
  }

  @Test
  void downWhenInactive() {
    ComponentHealth h = BrokerProbe.check(new Server(false));
    assertEquals(HealthStatus.DOWN, h.status());
    assertEquals("Artemis 2.40.0 is not active (state STARTING)", h.detail());
  }

  @Test
  void downWhenAbsentOrBroken() {
    ComponentHealth absent = BrokerProbe.check(null);
    assertEquals(HealthStatus.DOWN, absent.status());
    assertTrue(absent.detail().startsWith("no Artemis broker service"), absent.detail());
    ComponentHealth broken = BrokerProbe.check(new Broken());
    assertEquals(HealthStatus.DOWN, broken.status());
    assertTrue(broken.detail().contains("journal locked"), broken.detail());
  }
}
