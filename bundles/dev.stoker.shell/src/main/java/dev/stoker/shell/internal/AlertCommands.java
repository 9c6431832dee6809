package dev.stoker.shell.internal;

import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.AlertService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Shell commands for alert rules and alerts (see {@code docs/monitoring.md}). The service checks every field;
 * failures are thrown ({@link StokerCommand}).
 */
public final class AlertCommands {
  private AlertCommands() {
  }

  private static ShellTable table(String... columns) {
    ShellTable table = new ShellTable();
    for (String c : columns) {
      table.column(c);
    }
    return table;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** {@code stoker:alert-rule-list}. */
  @Service
  @Command(scope = "stoker", name = "alert-rule-list", description = "Lists the alert rules")
  public static class ListRules extends StokerCommand {
    @Reference
    AlertService alerts;

    @Override
    protected Object run() {
      ShellTable table = table("Id", "Name", "Kind", "Environment", "Metric", "Threshold", "For (s)", "Severity",
          "Enabled");
      for (AlertRule r : alerts.rules()) {
        table.addRow().addContent(r.id(), r.name(), r.kind(), text(r.environment()), text(r.metric()),
            text(r.threshold()), r.forSeconds(), r.severity(), r.enabled());
      }
      table.print(System.out);
      return null;
    }
  }

  /** {@code stoker:alert-rule-add}. */
  @Service
  @Command(scope = "stoker", name = "alert-rule-add", description = "Adds an alert rule")
  public static class Add extends StokerCommand {
    @Reference
    AlertService alerts;
    @Reference
    Session session;
    @Argument(index = 0, name = "name", required = true, description = "Unique name")
    String name;
    @Option(name = "--kind", required = true,
        description = "gateway-down, metric-above, metric-below, volume-full, secret-expiring or pipeline-failed")
    String kind;
    @Option(name = "--environment", description = "Only this environment (pipeline-failed: project)")
    String environment;
    @Option(name = "--metric", description = "Gateway series, e.g. stoker_gateway_cpu_ratio (metric kinds)")
    String metric;
    @Option(name = "--threshold", description = "Threshold (metric kinds); volume-full: used share (0.9); "
        + "secret-expiring: days ahead (14)")
    Double threshold;
    @Option(name = "--for", description = "Seconds the condition must hold before it fires (default 0)")
    Integer forSeconds;
    @Option(name = "--severity", description = "info, warning (default) or critical")
    String severity;
    @Option(name = "--disabled", description = "Store it without evaluating it")
    boolean disabled;

    @Override
    protected Object run() {
      AlertRule r = alerts.createRule(new AlertRuleSpec(name, kind, environment, metric, threshold, forSeconds,
          severity, !disabled), actor(session));
      System.out.println("Added alert rule " + r.id() + " (" + r.name() + ")");
      return null;
    }
  }

  /** {@code stoker:alert-rule-delete}. */
  @Service
  @Command(scope = "stoker", name = "alert-rule-delete", description = "Deletes an alert rule; its alerts resolve")
  public static class Delete extends StokerCommand {
    @Reference
    AlertService alerts;
    @Reference
    Session session;
    @Argument(index = 0, name = "id", required = true, description = "Rule id")
    String id;

    @Override
    protected Object run() {
      alerts.deleteRule(id, actor(session));
      System.out.println("Deleted alert rule " + id);
      return null;
    }
  }

  /** {@code stoker:alerts}. */
  @Service
  @Command(scope = "stoker", name = "alerts", description = "Lists alerts, the most recently begun first")
  public static class ListAlerts extends StokerCommand {
    @Reference
    AlertService alerts;
    @Option(name = "--state", description = "pending, firing or resolved (default: all)")
    String state;
    @Option(name = "--limit", description = "Show at most this many (default 50)")
    int limit = 50;

    @Override
    protected Object run() {
      ShellTable table = table("Id", "Rule", "Target", "State", "Severity", "Since", "Message");
      for (Alert a : alerts.alerts(state, limit)) {
        table.addRow().addContent(a.id(), a.ruleName(), a.target(), a.state() + (a.silenced() ? " (silenced)" : ""),
            a.severity(), a.since(), a.message());
      }
      table.print(System.out);
      return null;
    }
  }
}
