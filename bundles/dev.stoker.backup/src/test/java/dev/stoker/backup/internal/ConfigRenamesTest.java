package dev.stoker.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A key an upgrade moved is carried over once; a value already set under the new name wins. */
class ConfigRenamesTest {
  private static final ConfigRenames.Rename BROKER = ConfigRenames.RENAMES.get(0);
  private final Map<String, Hashtable<String, Object>> store = new HashMap<>();

  private ConfigurationAdmin admin() {
    return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> {
          String pid = (String) a[0];
          return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
              (p2, m2, a2) -> switch (m2.getName()) {
                case "getProperties" -> store.containsKey(pid) ? new Hashtable<>(store.get(pid)) : null;
                case "update" -> {
                  @SuppressWarnings("unchecked")
                  Dictionary<String, Object> d = (Dictionary<String, Object>) a2[0];
                  Hashtable<String, Object> copy = new Hashtable<>();
                  for (var keys = d.keys(); keys.hasMoreElements();) {
                    String k = keys.nextElement();
                    copy.put(k, d.get(k));
                  }
                  store.put(pid, copy);
                  yield null;
                }
                default -> throw new UnsupportedOperationException(m2.getName());
              });
        });
  }

  @Test
  void theOldKeyIsCarriedOverAndRemoved() throws Exception {
    store.put("dev.stoker.environments", new Hashtable<>(Map.of("brokerUrl", "tcp://10.0.0.5:61616", "workers", "4")));
    assertTrue(ConfigRenames.apply(admin(), BROKER));
    assertEquals("tcp://10.0.0.5:61616", store.get("dev.stoker.queue").get("brokerUrl"));
    assertNull(store.get("dev.stoker.environments").get("brokerUrl"));
    assertEquals("4", store.get("dev.stoker.environments").get("workers"), "other keys stay");
    assertFalse(ConfigRenames.apply(admin(), BROKER), "once only");
  }

  @Test
  void aValueAlreadySetUnderTheNewNameWins() throws Exception {
    store.put("dev.stoker.environments", new Hashtable<>(Map.of("brokerUrl", "tcp://old:61616")));
    store.put("dev.stoker.queue", new Hashtable<>(Map.of("brokerUrl", "tcp://new:61616")));
    assertTrue(ConfigRenames.apply(admin(), BROKER));
    assertEquals("tcp://new:61616", store.get("dev.stoker.queue").get("brokerUrl"));
    assertNull(store.get("dev.stoker.environments").get("brokerUrl"));
  }

  @Test
  void nothingToCarryChangesNothing() throws Exception {
    assertFalse(ConfigRenames.apply(admin(), BROKER));
    assertTrue(store.isEmpty());
  }
}
