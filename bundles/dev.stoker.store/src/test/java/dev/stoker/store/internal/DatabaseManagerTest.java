package dev.stoker.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthStatus;
import dev.stoker.testing.OsgiConfigs;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * A database that cannot be reached, or a bad configuration, must not stop Stoker: the store keeps
 * trying, registers nothing, and its health names the problem.
 */
class DatabaseManagerTest {
  @TempDir
  Path tmp;

  private final AtomicInteger registrations = new AtomicInteger();

  private BundleContext context() {
    return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getProperty" -> "karaf.data".equals(args[0]) ? tmp.toString() : null;
          case "registerService" -> {
            registrations.incrementAndGet();
            yield null;
          }
          default -> null;
        });
  }

  private static StoreConfig config(Map<String, Object> values) {
    return OsgiConfigs.of(StoreConfig.class, values);
  }

  private static ComponentHealth awaitDown(DatabaseManager manager, String containing) throws InterruptedException {
    long end = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < end) {
      ComponentHealth h = manager.check();
      if (h.status() == HealthStatus.DOWN && h.detail().contains(containing)) {
        return h;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("health never said " + containing + ": " + manager.check());
  }

  @Test
  void unreachablePostgresIsReportedAndRetried() throws Exception {
    Path password = Files.writeString(tmp.resolve("pw"), "secret\n");
    DatabaseManager manager = new DatabaseManager();
    manager.activate(context(), config(Map.of("url", "jdbc:postgresql://127.0.0.1:1/stoker",
        "passwordFile", password.toString(), "passwordEnv", "", "retrySeconds", 1)));
    try {
      ComponentHealth down = awaitDown(manager, "127.0.0.1:1");
      assertTrue(down.detail().contains("Connection refused") || down.detail().contains("PSQLException"),
          down.detail());
      assertTrue(!down.detail().contains("secret"), "no password in the detail");
      assertEquals(0, registrations.get(), "no Persistence service without a database");
    } finally {
      manager.deactivate();
    }
  }

  @Test
  void badConfigurationNamesTheKey() throws Exception {
    DatabaseManager manager = new DatabaseManager();
    manager.activate(context(), config(Map.of("url", "jdbc:mysql://db/stoker")));
    try {
      assertTrue(awaitDown(manager, "url:").detail().startsWith("configuration: url:"));
      assertEquals(0, registrations.get());
    } finally {
      manager.deactivate();
    }
  }

  @Test
  void embeddedDefaultComesUpAndRegisters() throws Exception {
    DatabaseManager manager = new DatabaseManager();
    manager.activate(context(), config(Map.of()));
    try {
      long end = System.currentTimeMillis() + 20_000;
      while (manager.check().status() != HealthStatus.UP && System.currentTimeMillis() < end) {
        Thread.sleep(50);
      }
      assertEquals(HealthStatus.UP, manager.check().status(), manager.check().detail());
      assertEquals(1, registrations.get());
      assertTrue(Files.exists(tmp.resolve("stoker").resolve("db.password")));
    } finally {
      manager.deactivate();
    }
  }

}
