package dev.stoker.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.GatewayStatus;
import dev.stoker.api.telemetry.SilenceSpec;
import dev.stoker.api.telemetry.TelemetryService;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.Fakes;
import dev.stoker.testing.MutableClock;
import dev.stoker.testing.OsgiConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** Rules, alerts and silences on H2, evaluated against gateway polls the test sets, with a clock it moves. */
class AlertServiceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final List<GatewayStatus> polls = new CopyOnWriteArrayList<>();
  private final CapturedEvents captured = new CapturedEvents();
  private final List<Event> events = captured.events;
  private final Gateways environments = new Gateways();
  private Persistence persistence;
  private AlertServiceImpl alerts;

  protected DataSource dataSource() throws Exception {
    return TestDatabases.h2();
  }

  @BeforeEach
  void open() throws Exception {
    persistence = Standalone.open(dataSource());
    environments.add("e1", dev.stoker.api.environment.EnvironmentState.RUNNING);
    alerts = start();
  }

  private AlertServiceImpl start() {
    TelemetryService telemetry = Fakes.of(TelemetryService.class, Map.of("gateways", a -> List.copyOf(polls)));
    AlertServiceImpl service = new AlertServiceImpl(persistence, telemetry, environments.environmentService(),
        OsgiConfigs.defaults(TelemetryConfig.class), clock);
    service.events = captured;
    return service;
  }

  @AfterEach
  void close() {
    if (alerts != null) {
      alerts.deactivate();
    }
  }

  private void poll(String env, boolean up, double cpu) {
    polls.removeIf(s -> s.environment().equals(env));
    polls.add(new GatewayStatus(env, env + "-name", "dev", "ignition", "local", up, clock.instant(), null,
        up ? "RUNNING" : "", up ? null : "connection refused", up ? Map.of("cpu.usage", cpu) : Map.of()));
  }

  private Alert only() {
    List<Alert> all = alerts.alerts(null, 100);
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  @Test
  void gatewayDownFiresAfterItsDelayResolvesWhenUpAndSurvivesARestart() {
    AlertRule rule = alerts.createRule(new AlertRuleSpec("gateway down", "gateway-down", null, null, null, 30,
        "critical", null), "lead");
    poll("e1", true, 0.1);
    alerts.evaluate();
    assertEquals(List.of(), alerts.alerts(null, 100));

    poll("e1", false, 0);
    alerts.evaluate();
    assertEquals(Alert.PENDING, only().state());
    assertTrue(events.isEmpty(), "pending alerts are not announced");

    alerts.deactivate(); // the open alert is in the database: a restart carries on with it
    alerts = start();
    clock.advance(Duration.ofSeconds(30));
    alerts.evaluate();
    Alert firing = only();
    assertEquals(Alert.FIRING, firing.state());
    assertEquals("e1", firing.target());
    assertEquals(rule.id(), firing.rule());
    assertEquals(1, events.size());
    Event fired = events.get(0);
    assertEquals(EventTopics.ALERT, fired.getTopic());
    assertEquals("firing", fired.getProperty("change"));
    assertEquals("e1", fired.getProperty("target"));
    assertEquals("critical", fired.getProperty("severity"));
    assertTrue(((String) fired.getProperty("message")).contains("is down: connection refused"),
        (String) fired.getProperty("message"));

    alerts.evaluate(); // still down: no second announcement
    assertEquals(1, events.size());

    poll("e1", true, 0.1);
    clock.advance(Duration.ofSeconds(10));
    alerts.evaluate();
    Alert resolved = only();
    assertEquals(Alert.RESOLVED, resolved.state());
    assertEquals(List.of("pending", "firing", "resolved"), resolved.history().stream()
        .map(Alert.Transition::state).toList());
    assertEquals(clock.instant(), resolved.resolvedAt());
    assertEquals("resolved", events.get(1).getProperty("change"));
    assertEquals(List.of(), alerts.alerts("firing", 10));
  }

  @Test
  void aMetricOverItsThresholdFiresOnlyWhenItStaysOverForTheWindow() {
    alerts.createRule(new AlertRuleSpec("busy", "metric-above", null, "stoker_gateway_cpu_ratio", 0.8, 20, null,
        null), "lead");
    poll("e1", true, 0.95);
    alerts.evaluate();
    assertEquals(Alert.PENDING, only().state());
    poll("e1", true, 0.5); // dips below within the window: the pending alert is dropped, nothing announced
    clock.advance(Duration.ofSeconds(10));
    alerts.evaluate();
    assertEquals(List.of(), alerts.alerts(null, 100));

    poll("e1", true, 0.9);
    alerts.evaluate();
    clock.advance(Duration.ofSeconds(20));
    poll("e1", true, 0.97);
    alerts.evaluate();
    Alert firing = only();
    assertEquals(Alert.FIRING, firing.state());
    assertEquals(0.97, firing.value());
    assertEquals(1, events.size());

    alerts.createRule(new AlertRuleSpec("idle", "metric-below", "e1", "stoker_gateway_cpu_ratio", 0.01, null,
        "info", null), "lead");
    poll("e1", true, 0.0);
    alerts.evaluate();
    assertEquals(1, alerts.alerts("firing", 10).size(), "below 0.01 fires at once; above 0.8 resolved");
    assertEquals("idle", alerts.alerts("firing", 10).get(0).ruleName());
  }

  @Test
  void aSilencedAlertChangesStateWithoutAnnouncement() {
    AlertRule rule = alerts.createRule(new AlertRuleSpec("down", "gateway-down", null, null, null, 0, null, null),
        "lead");
    alerts.createSilence(new SilenceSpec(rule.id(), "e1", "maintenance", null,
        clock.instant().plus(Duration.ofHours(1))), "lead");
    poll("e1", false, 0);
    poll("e2", false, 0);
    alerts.evaluate();
    List<Alert> firing = alerts.alerts("firing", 10);
    assertEquals(2, firing.size());
    assertTrue(firing.stream().anyMatch(a -> a.target().equals("e1") && a.silenced()));
    assertEquals(1, events.size(), "only e2 is announced");
    assertEquals("e2", events.get(0).getProperty("target"));
    assertEquals(1, alerts.silences().size());

    clock.advance(Duration.ofHours(2));
    assertEquals(List.of(), alerts.silences(), "an ended silence is no longer listed");
  }

  @Test
  void deletingARuleOrStoppingAnEnvironmentResolvesItsAlerts() {
    AlertRule rule = alerts.createRule(new AlertRuleSpec("down", "gateway-down", null, null, null, 0, null, null),
        "lead");
    AlertRule other = alerts.createRule(new AlertRuleSpec("down 2", "gateway-down", null, null, null, 0, null,
        null), "lead");
    poll("e1", false, 0);
    alerts.evaluate();
    assertEquals(2, alerts.alerts("firing", 10).size());

    alerts.deleteRule(rule.id(), "lead");
    alerts.evaluate();
    assertEquals(other.id(), alerts.alerts("firing", 10).get(0).rule());
    assertEquals("rule removed or disabled", alerts.alerts("resolved", 10).get(0).message());

    polls.clear(); // the environment stopped: it is no longer polled
    alerts.evaluate();
    assertEquals(List.of(), alerts.alerts("firing", 10));
    assertThrows(NotFoundException.class, () -> alerts.deleteRule(rule.id(), "lead"));
  }

  @Test
  void aFailedPipelineRunFiresAndTheNextSuccessResolves() throws Exception {
    alerts.createRule(new AlertRuleSpec("pipeline", "pipeline-failed", "shop", null, null, null, null, null), "lead");
    alerts.handleEvent(new Event(EventTopics.PIPELINE, Map.of("project", "other", "status", "failed", "run", "r0")));
    alerts.handleEvent(new Event(EventTopics.PIPELINE, Map.of("project", "shop", "status", "running", "run", "r1")));
    alerts.handleEvent(new Event(EventTopics.PIPELINE, Map.of("project", "shop", "status", "failed", "run", "r1")));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
    assertEquals("shop", only().target());
    assertTrue(only().message().contains("run r1"), only().message());
    alerts.evaluate(); // gateway rounds leave pipeline alerts alone
    assertEquals(Alert.FIRING, only().state());
    alerts.handleEvent(new Event(EventTopics.PIPELINE, Map.of("project", "shop", "status", "succeeded", "run", "r2")));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
    assertEquals(Alert.RESOLVED, only().state());
  }

  @Test
  void badRulesAreRefusedNamingTheFieldAndNothingIsStored() {
    Map<String, AlertRuleSpec> bad = Map.of(
        "name", new AlertRuleSpec(" ", "gateway-down", null, null, null, null, null, null),
        "kind", new AlertRuleSpec("a", "disk-full", null, null, null, null, null, null),
        "metric", new AlertRuleSpec("b", "metric-above", null, "jvm_memory", 1.0, null, null, null),
        "threshold", new AlertRuleSpec("c", "metric-below", null, "stoker_gateway_cpu_ratio", null, null, null, null),
        "forSeconds", new AlertRuleSpec("d", "gateway-down", null, null, null, -1, null, null),
        "severity", new AlertRuleSpec("e", "gateway-down", null, null, null, null, "panic", null),
        "environment", new AlertRuleSpec("f", "gateway-down", "nope", null, null, null, null, null));
    bad.forEach((field, spec) -> assertEquals(field, assertThrows(InvalidInputException.class,
        () -> alerts.createRule(spec, "lead"), field).field()));
    assertEquals("threshold", assertThrows(InvalidInputException.class, () -> alerts.createRule(
        new AlertRuleSpec("g", "gateway-down", null, null, 3.0, null, null, null), "lead")).field());
    assertEquals(List.of(), alerts.rules());

    AlertRule rule = alerts.createRule(new AlertRuleSpec("dup", "gateway-down", null, null, null, null, null, null),
        "lead");
    assertEquals("name", assertThrows(ConflictException.class, () -> alerts.createRule(
        new AlertRuleSpec("dup", "gateway-down", null, null, null, null, null, null), "lead")).field());
    assertEquals("environment", assertThrows(InvalidInputException.class, () -> alerts.updateRule(rule.id(),
        new AlertRuleSpec("dup", "gateway-down", "nope", null, null, null, null, null), "lead")).field());
    assertEquals(Optional.of(rule), alerts.rule(rule.id()), "a refused update leaves the rule as it was");
    assertThrows(NotFoundException.class, () -> alerts.updateRule("missing", new AlertRuleSpec("x", "gateway-down",
        null, null, null, null, null, null), "lead"));

    assertEquals("rule", assertThrows(InvalidInputException.class, () -> alerts.createSilence(
        new SilenceSpec(null, null, "x", null, clock.instant().plusSeconds(60)), "lead")).field());
    assertEquals("endsAt", assertThrows(InvalidInputException.class, () -> alerts.createSilence(
        new SilenceSpec(rule.id(), null, "x", null, clock.instant().minusSeconds(60)), "lead")).field());
    assertEquals("comment", assertThrows(InvalidInputException.class, () -> alerts.createSilence(
        new SilenceSpec(rule.id(), null, "", null, clock.instant().plusSeconds(60)), "lead")).field());
    assertEquals("state", assertThrows(InvalidInputException.class, () -> alerts.alerts("burning", 10)).field());
    assertFalse(alerts.rules().isEmpty());
    assertEquals(List.of(), alerts.silences());
  }
}
