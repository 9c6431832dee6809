package dev.stoker.store.internal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthStatus;
import dev.stoker.testing.OsgiConfigs;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  private static ComponentHealth awaitDown(DatabaseManager manager, String containing) {
    return await("health DOWN saying " + containing).atMost(Duration.ofSeconds(20))
        .until(manager::check, h -> h.status() == HealthStatus.DOWN && h.detail().contains(containing));
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
      await("health UP").atMost(Duration.ofSeconds(20)).until(() -> manager.check().status(), is(HealthStatus.UP));
      assertEquals(1, registrations.get());
      assertTrue(Files.exists(tmp.resolve("stoker").resolve("db.password")));
    } finally {
      manager.deactivate();
    }
  }

}
