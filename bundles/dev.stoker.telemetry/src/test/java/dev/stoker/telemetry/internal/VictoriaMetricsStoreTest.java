package dev.stoker.telemetry.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.awaitility.Awaitility.await;

import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.telemetry.MetricsStore;
import dev.stoker.api.telemetry.Point;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.Sample;
import dev.stoker.api.telemetry.Series;
import dev.stoker.testing.MutableClock;
import dev.stoker.testing.OsgiConfigs;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The VictoriaMetrics store against a real VictoriaMetrics started by the test: the store contract and more. */
class VictoriaMetricsStoreTest extends MetricsStoreContract {
  private static VictoriaMetricsServer server;
  private static VictoriaMetricsStore store;

  @BeforeAll
  static void startServer() throws Exception {
    server = VictoriaMetricsServer.start();
    // configured the way an admin does it: only the PID's properties
    store = new VictoriaMetricsStore(OsgiConfigs.of(TelemetryConfig.class,
        Map.of("victoriaMetricsUrl", server.url + "/", "victoriaMetricsTimeoutSeconds", 5)));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected MetricsStore store() {
    return store;
  }

  @Override
  protected void settle() throws Exception {
    server.flush();
  }

  @Test
  void historyOfAPolledGatewayComesBackThroughTheTelemetryService() throws Exception {
    Gateways gateways = new Gateways();
    gateways.add("vm1", EnvironmentState.RUNNING);
    // polls stamped ten minutes ago: VictoriaMetrics hides the last 30 s (its -search.latencyOffset)
    MutableClock clock = new MutableClock(T0.plusSeconds(7));
    TelemetryServiceImpl service = new TelemetryServiceImpl(gateways.environmentService(), gateways.platforms(),
        OsgiConfigs.of(TelemetryConfig.class, Map.of("store.target", "(store.name=victoriametrics)")), clock);
    service.store = store;
    try {
      service.poller().round();
      await("vm1 polled").atMost(Duration.ofSeconds(5)).until(() -> service.gateway("vm1").isPresent());
      service.writer().flush();
      settle();

      List<Series> history = service.history("vm1", new RangeQuery("stoker_gateway_memory_used_bytes", Map.of(),
          T0, T0.plusSeconds(60), Duration.ofSeconds(10)));
      assertEquals(1, history.size());
      assertEquals("vm1", history.get(0).labels().get("environment"));
      assertEquals(List.of(new Point(T0.plusSeconds(10), 1000.0)), history.get(0).points());
    } finally {
      service.deactivate();
    }
  }

  @Test
  void labelValuesWithQuotesAndBackslashesRoundTrip() throws Exception {
    Map<String, String> labels = Map.of("environment", "we\"ird\\name", "stage", "dev");
    store.write(List.of(new Sample("stoker_gateway_threads", labels, T0.plusSeconds(3), 42)));
    settle();

    List<Series> series = store.query(new RangeQuery("stoker_gateway_threads", Map.of("environment", "we\"ird\\name"),
        T0, T0.plusSeconds(10), Duration.ofSeconds(10)));
    assertEquals(1, series.size());
    assertEquals(labels, series.get(0).labels());
    assertEquals(List.of(new Point(T0.plusSeconds(10), 42.0)), series.get(0).points());
  }

  @Test
  void aServerThatIsAwayFailsWritesAndQueriesWithIoExceptions() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    VictoriaMetricsStore away = new VictoriaMetricsStore(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
    assertThrows(IOException.class, () -> away.write(List.of(new Sample("stoker_x", Map.of(), T0, 1))));
    IOException e = assertThrows(IOException.class, () -> away.query(new RangeQuery("stoker_x", Map.of(), T0,
        T0.plusSeconds(10), Duration.ofSeconds(10))));
    assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new VictoriaMetricsStore(URI.create("file:///tmp/x"), Duration.ofSeconds(1)));
    assertTrue(e.getMessage().startsWith("victoriaMetricsUrl"), e.getMessage());
  }
}
