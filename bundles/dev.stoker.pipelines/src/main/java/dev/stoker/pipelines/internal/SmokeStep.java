package dev.stoker.pipelines.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.PlatformAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code smoke}: the gateway is ready (the adapter's health probe: an Ignition gateway answering RUNNING while
 * still commissioning is not), the project is on it with every resource of the run's revision, and the given
 * {@code pages} answer 200. A gateway that cannot hand its projects back (Ignition 8.1, no REST API) is asked
 * instead whether it serves the project ({@link dev.stoker.api.platform.GatewayClient#servesProject}), polled
 * for a while because its scan runs shortly after the deploy asked for it.
 */
final class SmokeStep implements PipelineStep {
  /** How long a gateway that loads projects by a scan gets to serve a deployed one. */
  static final Duration SCAN_WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(500);
  private final StepServices services;
  private final Duration scanWait;

  SmokeStep(StepServices services) {
    this(services, SCAN_WAIT);
  }

  /** @param scanWait how long to wait for a gateway that loads projects by a scan to serve the project */
  SmokeStep(StepServices services, Duration scanWait) {
    this.services = services;
    this.scanWait = scanWait;
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
      if (!client.readsProjects()) {
        if (!serves(client, name, scanWait)) {
          problems.add("the gateway does not serve project " + name + " (on Ignition 8.1: no Perspective page "
              + "for it after the scan)");
        } else {
          context.log("project " + name + ": served (this gateway cannot hand its projects back, so the "
              + "resources were not compared)");
        }
      } else if (!client.projectNames().contains(name)) {
        problems.add("project " + name + " is not on the gateway");
        return null;
      } else {
        compare(client, adapter, name, expected, problems, context);
      }
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

  /** Every resource of the revision is in the project the gateway hands back. */
  private static void compare(GatewayClient client, PlatformAdapter adapter, String name, ResourceTree expected,
      List<String> problems, StepContext context) throws IOException {
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
  }

  /** Polls until the gateway serves the project or {@code wait} has passed (its scan runs a moment later). */
  private static boolean serves(GatewayClient client, String name, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!client.servesProject(name)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the gateway to serve " + name);
      }
    }
    return true;
  }
}
