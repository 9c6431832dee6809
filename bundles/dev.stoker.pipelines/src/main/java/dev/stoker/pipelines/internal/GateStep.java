package dev.stoker.pipelines.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gate}: metric gates on the environment's gateway: {@code maxMemoryPercent} (used of max heap) and
 * {@code noErrorLogs} (no line with {@code ERROR} in the gateway's last {@code logLines} lines).
 */
final class GateStep implements PipelineStep {
  private final StepServices services;

  GateStep(StepServices services) {
    this.services = services;
  }

  @Override
  public String type() {
    return "gate";
  }

  @Override
  public void check(StepDefinition step) {
    Settings s = new Settings(step).only(Set.of("environment", "apiKeySecret", "maxMemoryPercent", "noErrorLogs",
        "logLines"));
    s.number("maxMemoryPercent", 100, 1, 100);
    s.flag("noErrorLogs", false);
    s.number("logLines", 500, 1, 10000);
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    Settings s = new Settings(context.step());
    Environment env = services.target(context, s);
    List<String> problems = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    long maxPercent = s.number("maxMemoryPercent", 100, 1, 100);
    if (maxPercent < 100) {
      Map<String, Double> metrics = services.gateways().with(env, s.text("apiKeySecret", null), context.actingUser(),
          (adapter, client, base) -> client.metrics());
      Double used = metrics.get("memory.used.bytes");
      Double max = metrics.get("memory.max.bytes");
      if (used == null || max == null || max <= 0) {
        problems.add("the gateway reports no memory figures");
      } else {
        double percent = 100 * used / max;
        context.log(String.format(java.util.Locale.ROOT, "memory %.1f %% of max", percent));
        (percent <= maxPercent ? passed : problems).add(String.format(java.util.Locale.ROOT,
            "memory %.1f %% (limit %d %%)", percent, maxPercent));
      }
    }
    if (s.flag("noErrorLogs", false)) {
      String logs = services.envs().logs(env.id(), (int) s.number("logLines", 500, 1, 10000));
      long errors = logs.lines().filter(l -> l.contains("ERROR")).count();
      (errors == 0 ? passed : problems).add(errors + " ERROR lines in the gateway log");
    }
    return problems.isEmpty() ? StepResult.succeeded(passed.isEmpty() ? "no gate set" : String.join(", ", passed))
        : StepResult.failed(String.join("; ", problems));
  }
}
