package dev.stoker.shell.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.AlertService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** The {@code stoker:alert*} commands hand their options to the alert service and print what it answers. */
class AlertCommandsTest extends ShellTestSupport {
  private final AtomicReference<AlertRuleSpec> asked = new AtomicReference<>();
  private final AtomicReference<String> actor = new AtomicReference<>();
  private final AlertService alerts = stub(AlertService.class, Map.of(
      "createRule", a -> {
        asked.set((AlertRuleSpec) a[0]);
        actor.set((String) a[1]);
        if (((AlertRuleSpec) a[0]).metric() != null && ((AlertRuleSpec) a[0]).threshold() == null) {
          throw new InvalidInputException("threshold", "a finite number is required");
        }
        return new AlertRule("r1", ((AlertRuleSpec) a[0]).name(), "metric-above", null, null, null, 0, "warning",
            true, "shell:alice", Instant.EPOCH, Instant.EPOCH);
      },
      "alerts", a -> List.of(new Alert("a1", "r1", "busy", "metric-above", "warning", "env-1", "firing", 0.9,
          "stoker_gateway_cpu_ratio of environment 'plant' (env-1): 0.9 > 0.8", true, Instant.EPOCH, Instant.EPOCH,
          null, List.of()))));

  @Test
  void addPassesEveryOptionAndTheConsoleUserOn() throws Exception {
    AlertCommands.Add add = new AlertCommands.Add();
    add.alerts = alerts;
    add.session = new FakeSession("alice");
    add.name = "busy";
    add.kind = "metric-above";
    add.metric = "stoker_gateway_cpu_ratio";
    add.threshold = 0.8;
    add.forSeconds = 60;
    add.execute();
    assertEquals(new AlertRuleSpec("busy", "metric-above", null, "stoker_gateway_cpu_ratio", 0.8, 60, null, true),
        asked.get());
    assertEquals("shell:alice", actor.get());
    assertTrue(out.toString(UTF_8).contains("Added alert rule r1 (busy)"));

    add.threshold = null;
    CommandException e = assertThrows(CommandException.class, add::execute);
    assertEquals("Error: threshold: a finite number is required", e.getNiceHelp());
  }

  @Test
  void alertsListsStateAndSilence() throws Exception {
    AlertCommands.ListAlerts list = new AlertCommands.ListAlerts();
    list.alerts = alerts;
    list.execute();
    assertTrue(out.toString(UTF_8).contains("firing (silenced)"), out.toString(UTF_8));
    assertTrue(out.toString(UTF_8).contains("env-1"));
  }
}
