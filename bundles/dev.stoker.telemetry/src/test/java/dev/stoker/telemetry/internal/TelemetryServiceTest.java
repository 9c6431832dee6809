package dev.stoker.telemetry.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.platform.GatewayDiagnostic;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.Series;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.OsgiConfigs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The service wired as in the container, over in-process gateways and the embedded store on H2. */
class TelemetryServiceTest {
  private final Gateways gateways = new Gateways();
  private final CapturedEvents captured = new CapturedEvents();
  private final List<Event> events = captured.events;
  private TelemetryServiceImpl service;
  private JpaMetricsStore store;

  @BeforeEach
  void setUp() {
    store = new JpaMetricsStore(Standalone.open(TestDatabases.h2()), Clock.systemUTC(), Duration.ofHours(1), Duration.ofDays(1));
    TelemetryConfig config = OsgiConfigs.of(TelemetryConfig.class, Map.of("pollTimeoutSeconds", 1));
    service = new TelemetryServiceImpl(gateways.environmentService(), gateways.platforms(), config,
        Clock.systemUTC());
    service.store = store;
    service.events = captured;
  }

  @AfterEach
  void tearDown() {
    service.deactivate();
    store.deactivate();
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String type = service.writeMetrics(out);
    assertTrue(type.startsWith("text/plain; version=0.0.4"), type);
    return out.toString(StandardCharsets.UTF_8);
  }

  private void pollOnce(String id) throws Exception {
    Instant before = service.gateway(id).map(s -> s.checked()).orElse(Instant.EPOCH);
    service.poller().round();
    await(id + " polled").atMost(java.time.Duration.ofMillis(5000)).until(() -> service.gateway(id).map(s -> s.checked().isAfter(before)).orElse(false));
  }

  @Test
  void pollsRunningGatewaysExposesThemAndKeepsTheirHistory() throws Exception {
    gateways.add("e1", EnvironmentState.RUNNING);
    gateways.add("e2", EnvironmentState.STOPPED);
    Instant start = Instant.now().minusSeconds(1);

    pollOnce("e1");
    service.writer().flush();

    assertEquals(List.of("e1"), service.gateways().stream().map(s -> s.environment()).toList());
    String text = scrape();
    String labels = "{environment=\"e1\",host=\"local\",platform=\"fake\",stage=\"dev\"}";
    assertTrue(text.contains("stoker_gateway_up" + labels + " 1.0"), text);
    assertTrue(text.contains("stoker_gateway_memory_used_bytes" + labels + " 1000.0"), text);
    assertTrue(text.contains("stoker_gateway_cpu_ratio" + labels + " 0.25"), text);
    assertTrue(text.contains("stoker_environments{state=\"stopped\"} 1"), text);
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics are exposed");

    List<Series> history = service.history("e1", new RangeQuery("stoker_gateway_memory_used_bytes", Map.of(),
        start.minusSeconds(10), start.plusSeconds(20), Duration.ofSeconds(10)));
    assertEquals(1, history.size());
    assertEquals(1000.0, history.get(0).points().get(0).value());
    assertEquals(List.of(), service.history("e2", new RangeQuery("stoker_gateway_memory_used_bytes", Map.of(),
        start.minusSeconds(10), start.plusSeconds(20), Duration.ofSeconds(10))));
  }

  @Test
  void diagnosticsAreSeriesWithTheGatewayLabelsAndTheirOwn() throws Exception {
    gateways.add("e1", EnvironmentState.RUNNING);
    gateways.diagnostics.put("e1", List.of(
        new GatewayDiagnostic("db.connection.up", Map.of("connection", "plant"), 1),
        new GatewayDiagnostic("db.connections.active", Map.of("connection", "plant"), 3),
        new GatewayDiagnostic("alarms", Map.of("state", "ActiveUnacked"), 2),
        new GatewayDiagnostic("perspective.sessions", Map.of(), 4),
        new GatewayDiagnostic("alarms", Map.of("state", "ActiveUnacked"), 9),
        new GatewayDiagnostic("alarms", Map.of("bad-label", "x"), 1),
        new GatewayDiagnostic("tag.provider.up", Map.of("provider", "x".repeat(300)), 1),
        new GatewayDiagnostic("tag.provider.up", Map.of("environment", "other"), 0)));
    pollOnce("e1");
    String text = scrape();
    String labels = "environment=\"e1\",host=\"local\",platform=\"fake\",stage=\"dev\"";
    assertTrue(text.contains("stoker_gateway_db_connection_up{connection=\"plant\"," + labels + "} 1.0"), text);
    assertTrue(text.contains("stoker_gateway_db_connections_active{connection=\"plant\"," + labels + "} 3.0"), text);
    assertTrue(text.contains("stoker_gateway_alarms{" + labels + ",state=\"ActiveUnacked\"} 2.0"),
        "the first of two equal series is kept: " + text);
    assertTrue(text.contains("stoker_gateway_perspective_sessions{" + labels + "} 4.0"), text);
    assertFalse(text.contains("bad-label") || text.contains("xxxxx"), "unusable labels are left out: " + text);
    assertTrue(text.contains("stoker_gateway_tag_provider_up{" + labels + "} 0.0"),
        "a gateway cannot override the gateway labels: " + text);
    assertEquals(8, service.gateway("e1").orElseThrow().diagnostics().size(), "the status carries what was read");
  }

  @Test
  void aGatewayThatStopsAnsweringIsDownAndPostedThenUpAgain() throws Exception {
    gateways.add("e1", EnvironmentState.RUNNING);
    pollOnce("e1");
    assertTrue(service.gateway("e1").orElseThrow().up());
    assertTrue(events.isEmpty(), "a gateway first seen up is no news");

    gateways.hanging.put("e1", true);
    pollOnce("e1");
    assertFalse(service.gateway("e1").orElseThrow().up());
    assertEquals("no answer within 1 s", service.gateway("e1").orElseThrow().error());
    assertTrue(scrape().contains("stoker_gateway_up{environment=\"e1\",host=\"local\",platform=\"fake\",stage=\"dev\"} 0.0"));
    assertEquals(1, events.size());
    assertEquals(EventTopics.TELEMETRY, events.get(0).getTopic());
    assertEquals("down", events.get(0).getProperty("change"));
    assertEquals("e1", events.get(0).getProperty("target"));

    gateways.hanging.remove("e1");
    pollOnce("e1");
    assertEquals(2, events.size());
    assertEquals("up", events.get(1).getProperty("change"));
  }

  @Test
  void countsRequestsByRouteAndStatus() throws Exception {
    service.recordRequest("GET", "environments/{id}", 200, Duration.ofMillis(5));
    service.recordRequest("GET", "environments/{id}", 200, Duration.ofMillis(5));
    assertTrue(scrape().contains(
        "stoker_http_requests_total{method=\"GET\",route=\"environments/{id}\",status=\"200\"} 2.0"));
  }

  @Test
  void historyNeedsAStoreAndAValidRange() {
    service.store = null;
    RangeQuery any = new RangeQuery("stoker_gateway_up", Map.of(), Instant.EPOCH, Instant.EPOCH.plusSeconds(60),
        Duration.ofSeconds(10));
    assertThrows(UnavailableException.class, () -> service.history("e1", any));
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> new RangeQuery("up", Map.of(),
        Instant.EPOCH, Instant.EPOCH.plusSeconds(100_000), Duration.ofSeconds(1)));
    assertEquals("step", bad.field());
    assertEquals("name", assertThrows(InvalidInputException.class, () -> new RangeQuery("1bad", Map.of(),
        Instant.EPOCH, Instant.EPOCH.plusSeconds(1), Duration.ofSeconds(1))).field());
    assertEquals("to", assertThrows(InvalidInputException.class, () -> new RangeQuery("up", Map.of(),
        Instant.EPOCH, Instant.EPOCH, Duration.ofSeconds(1))).field());
  }
}
