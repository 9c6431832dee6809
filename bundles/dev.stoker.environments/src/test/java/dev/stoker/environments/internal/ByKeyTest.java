package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A reconfigured service bound before its old instance is unbound must stay reachable. */
class ByKeyTest {
  private record Host(String id, int generation) {
  }

  private final ByKey<Host> hosts = new ByKey<>(Host::id);

  @Test
  void newInstanceBoundBeforeTheOldOneIsUnboundTakesOver() {
    Host old = new Host("local", 1);
    Host fresh = new Host("local", 2);
    hosts.add(old);
    hosts.add(fresh);
    assertEquals(old, hosts.get("local"), "the first one is used while it is there");
    hosts.remove(old);
    assertEquals(fresh, hosts.get("local"));
  }

  @Test
  void aWaitingInstanceThatGoesChangesNothing() {
    Host old = new Host("local", 1);
    Host fresh = new Host("local", 2);
    hosts.add(old);
    hosts.add(fresh);
    hosts.remove(fresh);
    assertEquals(old, hosts.get("local"));
    hosts.remove(old);
    assertNull(hosts.get("local"));
    assertEquals(Set.of(), hosts.keySet());
  }

  @Test
  void keysAreIndependentAndUnknownRemovalsAreIgnored() {
    Host a = new Host("site-a", 1);
    Host b = new Host("site-b", 1);
    hosts.add(a);
    hosts.add(b);
    hosts.remove(new Host("site-c", 1));
    hosts.remove(a);
    hosts.remove(a);
    assertNull(hosts.get("site-a"));
    assertEquals(b, hosts.get("site-b"));
    assertEquals(Set.of("site-b"), hosts.keySet());
  }
}
