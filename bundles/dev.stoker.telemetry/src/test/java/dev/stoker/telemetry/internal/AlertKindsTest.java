package dev.stoker.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.ExternalAlert;
import dev.stoker.api.telemetry.GatewayStatus;
import dev.stoker.api.telemetry.TelemetryService;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.Fakes;
import dev.stoker.testing.MutableClock;
import dev.stoker.testing.OsgiConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The volume, secret expiry and received (Alertmanager) alerts, on H2 with a clock the test moves. */
class AlertKindsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final List<GatewayStatus> polls = new CopyOnWriteArrayList<>();
  private final List<SecretMetadata> secrets = new CopyOnWriteArrayList<>();
  private final CapturedEvents captured = new CapturedEvents();
  private AlertServiceImpl alerts;

  @BeforeEach
  void open() throws Exception {
    Gateways environments = new Gateways();
    environments.add("e1", EnvironmentState.RUNNING);
    alerts = new AlertServiceImpl(Standalone.open(TestDatabases.h2()),
        Fakes.of(TelemetryService.class, Map.of("gateways", a -> List.copyOf(polls))),
        environments.environmentService(), OsgiConfigs.defaults(TelemetryConfig.class), clock);
    alerts.events = captured;
    // the store's query is tested in the secrets bundle; here its answer for the asked limit
    alerts.secrets = Fakes.of(SecretService.class, Map.of("expiring", a -> secrets.stream()
        .filter(m -> !m.expires().isAfter((Instant) a[0])).toList()));
  }

  @AfterEach
  void close() {
    alerts.deactivate();
  }

  private void volume(double used) {
    polls.clear();
    polls.add(new GatewayStatus("e1", "plant", "dev", "ignition", "local", true, clock.instant(), null, "RUNNING",
        null, Map.of("volume.usage", used)));
  }

  private SecretMetadata secret(String path, Duration left) {
    return new SecretMetadata(path, new SecretScope(ScopeLevel.ENVIRONMENT, "e1"), SecretType.CERTIFICATE, 3, "lead",
        clock.instant(), clock.instant().plus(left), Map.of());
  }

  @Test
  void volumeNearlyFullFiresAboveItsShareAndResolves() {
    alerts.createRule(new AlertRuleSpec("disk", AlertRule.VOLUME_FULL, null, null, 0.8, 0, "critical", null), "lead");
    volume(0.5);
    alerts.evaluate();
    assertEquals(List.of(), alerts.alerts(null, 10));
    volume(0.85);
    alerts.evaluate();
    Alert a = alerts.alerts(null, 10).get(0);
    assertEquals(Alert.FIRING, a.state());
    assertEquals(0.85, a.value());
    assertTrue(a.message().contains("stoker_gateway_volume_used_ratio"), a.message());
    assertEquals("firing", captured.events.get(0).getProperty("change"));
    volume(0.7);
    alerts.evaluate();
    assertEquals(Alert.RESOLVED, alerts.alerts(null, 10).get(0).state());
  }

  @Test
  void volumeRuleDefaultsAndBounds() {
    assertEquals(0.9, alerts.createRule(new AlertRuleSpec("d", AlertRule.VOLUME_FULL, null, null, null, null, null,
        null), "lead").threshold());
    for (double bad : new double[] {0, 1.5, -1}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> alerts.createRule(
          new AlertRuleSpec("v" + bad, AlertRule.VOLUME_FULL, null, null, bad, null, null, null), "lead"));
      assertTrue(e.getMessage().startsWith("threshold"), e.getMessage());
    }
    InvalidInputException metric = assertThrows(InvalidInputException.class, () -> alerts.createRule(
        new AlertRuleSpec("m", AlertRule.VOLUME_FULL, null, "stoker_gateway_up", null, null, null, null), "lead"));
    assertTrue(metric.getMessage().startsWith("metric"), metric.getMessage());
  }

  @Test
  void secretExpiringFiresPerSecretWithinItsDaysAndResolvesOnANewVersion() {
    alerts.createRule(new AlertRuleSpec("certs", AlertRule.SECRET_EXPIRING, null, null, 30.0, null, null, null),
        "lead");
    secrets.add(secret("tls/gateway", Duration.ofDays(10)));
    secrets.add(secret("tls/later", Duration.ofDays(90)));
    alerts.evaluate();
    List<Alert> open = alerts.alerts(Alert.FIRING, 10);
    assertEquals(1, open.size(), open.toString());
    assertEquals("environment:e1/tls/gateway", open.get(0).target());
    assertEquals(10.0, open.get(0).value());
    assertTrue(open.get(0).message().contains("expires 2026-01-15T10:00:00Z"), open.get(0).message());
    alerts.evaluate(); // still expiring: no second alert, no second announcement
    assertEquals(1, alerts.alerts(null, 10).size());
    assertEquals(1, captured.events.size());

    secrets.clear(); // renewed: the latest version expires later than the window
    secrets.add(secret("tls/gateway", Duration.ofDays(365)));
    alerts.evaluate();
    assertEquals(Alert.RESOLVED, alerts.alerts(null, 10).get(0).state());
  }

  @Test
  void secretRulesRefuseAnEnvironmentAndOutOfRangeDays() {
    InvalidInputException env = assertThrows(InvalidInputException.class, () -> alerts.createRule(
        new AlertRuleSpec("s", AlertRule.SECRET_EXPIRING, "e1", null, null, null, null, null), "lead"));
    assertTrue(env.getMessage().startsWith("environment"), env.getMessage());
    InvalidInputException days = assertThrows(InvalidInputException.class, () -> alerts.createRule(
        new AlertRuleSpec("s", AlertRule.SECRET_EXPIRING, null, null, 0.5, null, null, null), "lead"));
    assertTrue(days.getMessage().startsWith("threshold"), days.getMessage());
    assertEquals(List.of(), alerts.rules());
  }

  private static ExternalAlert am(String fingerprint, String status, String severity) {
    return new ExternalAlert(fingerprint, status, Map.of("alertname", "StokerGatewayDown", "severity", severity,
        "environment", "e1"), Map.of("summary", "gateway e1 down for 1m"), Instant.parse("2026-01-05T09:59:00Z"),
        null);
  }

  @Test
  void receivedAlertsAreListedUpdatedAndResolvedBySender() {
    List<Alert> got = alerts.receive("alertmanager", List.of(am("abc123", "firing", "critical")), "prometheus");
    assertEquals(1, got.size());
    Alert a = alerts.alerts(Alert.FIRING, 10).get(0);
    assertEquals(AlertRule.EXTERNAL, a.kind());
    assertEquals("alertmanager", a.rule());
    assertEquals("StokerGatewayDown", a.ruleName());
    assertEquals("critical", a.severity());
    assertEquals("e1", a.target());
    assertEquals("gateway e1 down for 1m", a.message());
    assertEquals(Instant.parse("2026-01-05T09:59:00Z"), a.since());

    alerts.evaluate(); // no rule of Stoker's: the evaluation leaves it alone
    alerts.receive("alertmanager", List.of(am("abc123", "firing", "loud")), "prometheus");
    assertEquals(1, alerts.alerts(null, 10).size(), "the same fingerprint is the same alert");
    assertEquals("warning", alerts.alerts(null, 10).get(0).severity());
    clock.advance(Duration.ofMinutes(2));
    alerts.receive("alertmanager", List.of(am("abc123", "resolved", "critical")), "prometheus");
    Alert resolved = alerts.alerts(null, 10).get(0);
    assertEquals(Alert.RESOLVED, resolved.state());
    assertEquals(List.of("firing", "resolved"), resolved.history().stream().map(Alert.Transition::state).toList());
    assertTrue(captured.events.isEmpty(), "the sender notifies, not Stoker");
  }

  @Test
  void aBadReceivedAlertStoresNone() {
    ExternalAlert noName = new ExternalAlert("f2", "firing", Map.of(), Map.of(), null, null);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> alerts.receive("alertmanager",
        List.of(am("f1", "firing", "info"), noName), "prometheus"));
    assertTrue(e.getMessage().startsWith("alerts[1].labels.alertname"), e.getMessage());
    InvalidInputException status = assertThrows(InvalidInputException.class, () -> alerts.receive("alertmanager",
        List.of(am("f1", "pending", "info")), "prometheus"));
    assertTrue(status.getMessage().startsWith("alerts[0].status"), status.getMessage());
    assertEquals(List.of(), alerts.alerts(null, 10));
  }
}
