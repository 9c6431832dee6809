package dev.stoker.pipelines.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.repository.ResourceTree;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code smoke}: the gateway is ready (the adapter's health probe: an Ignition gateway answering RUNNING while
 * still commissioning is not), the project is on it with every resource of the run's revision, and the given
 * {@code pages} answer 200.
 */
final class SmokeStep implements PipelineStep {
  private final StepServices services;

  SmokeStep(StepServices services) {
    this.services = services;
  }

  @Override
  public String type() {
    return "smoke";
  }

  @Override
  public void check(StepDefinition step) {
    Settings s = new Settings(step).only(Set.of("environment", "gatewayProject", "apiKeySecret", "pages"));
    List<String> pages = s.texts("pages");
    for (int i = 0; i < pages.size(); i++) {
      Settings.gatewayPath("with.pages[" + i + "]", pages.get(i));
    }
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    Settings s = new Settings(context.step());
    Environment env = services.target(context, s);
    String name = s.text("gatewayProject", context.project());
    ResourceTree expected = context.tree();
    List<String> problems = new ArrayList<>();
    services.gateways().with(env, s.text("apiKeySecret", null), context.actingUser(), (adapter, client, base) -> {
      ProbeResult probe = adapter.runtimeProfile(env.spec()).probe().probe(base);
      context.log("health: " + probe.readiness() + " " + probe.detail());
      if (probe.readiness() != Readiness.READY) {
        problems.add("gateway is " + probe.readiness() + " (" + probe.detail() + ")");
        return null;
      }
      if (!client.projectNames().contains(name)) {
        problems.add("project " + name + " is not on the gateway");
        return null;
      }
      ResourceTree actual;
      try (InputStream in = client.exportProject(name)) {
        actual = adapter.codec().decode(in);
      }
      Set<String> missing = new TreeSet<>(expected.resources().keySet());
      missing.removeAll(actual.resources().keySet());
      if (!missing.isEmpty()) {
        problems.add(missing.size() + " resources of the revision are missing on the gateway, e.g. "
            + missing.stream().limit(3).toList());
      }
      context.log("project " + name + ": " + actual.resources().size() + " resources on the gateway");
      for (String page : s.texts("pages")) {
        GatewayHttp.Answer a = GatewayHttp.call(base, "GET", page);
        context.log("GET " + page + " -> " + a.status());
        if (a.status() != 200) {
          problems.add("GET " + page + " answered " + a.status());
        }
      }
      return null;
    });
    return problems.isEmpty() ? StepResult.succeeded("gateway ready, project " + name + " present with "
        + expected.resources().size() + " resources" + (s.texts("pages").isEmpty() ? "" : ", pages answer 200"))
        : StepResult.failed(String.join("; ", problems));
  }
}
