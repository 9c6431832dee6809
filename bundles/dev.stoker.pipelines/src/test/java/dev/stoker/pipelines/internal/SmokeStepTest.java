package dev.stoker.pipelines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.testing.Fakes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code smoke} on a gateway that cannot hand its projects back (Ignition 8.1): it asks whether the gateway
 * serves the project, polling while the scan runs, and never asks for the project list or an export.
 */
class SmokeStepTest {
  private final Environment env = new Environment("env-old", EnvironmentSpec.builder("plant-old", "ignition",
      Stage.TEST).version("8.1.44").build(), EnvironmentState.RUNNING, "", "local",
      Map.of("http", URI.create("http://127.0.0.1:1")), "lee", Instant.EPOCH, Instant.EPOCH);
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<GatewayEndpoint> endpoints = new CopyOnWriteArrayList<>();
  private final AtomicInteger asked = new AtomicInteger();

  @Test
  void an81ProjectPassesOnceTheGatewayServesIt() throws Exception {
    StepResult result = smoke(3).run(context());
    assertEquals("SUCCEEDED", result.status().name(), result.summary());
    assertEquals(3, asked.get(), "polled until the scan had loaded it");
    assertEquals("8.1.44", endpoints.get(0).platformVersion(), "the environment's endpoint is used");
    assertTrue(log.stream().anyMatch(l -> l.contains("served")), log.toString());
  }

  @Test
  void an81ProjectTheGatewayNeverServesFailsNamingIt() throws Exception {
    StepResult result = smoke(Integer.MAX_VALUE).run(context());
    assertEquals("FAILED", result.status().name(), result.summary());
    assertTrue(result.summary().contains("does not serve project plant"), result.summary());
  }

  /** A smoke step whose gateway serves the project from the {@code servedAt}-th question on. */
  private SmokeStep smoke(int servedAt) {
    GatewayClient client = Fakes.of(GatewayClient.class, Map.of(
        "readsProjects", a -> false,
        "servesProject", a -> asked.incrementAndGet() >= servedAt));
    RuntimeProfile profile = new RuntimeProfile("img", List.of(), Map.of(), List.of(), List.of(), "/data", "/m", "/j",
        null, base -> new ProbeResult(Readiness.READY, "RUNNING"), 2003);
    PlatformAdapter adapter = Fakes.of(PlatformAdapter.class, Map.of(
        "runtimeProfile", a -> profile,
        "gatewayClient", a -> {
          endpoints.add((GatewayEndpoint) a[0]);
          return client;
        }));
    AdapterLease lease = Fakes.of(AdapterLease.class, Map.of("adapter", a -> adapter, "check", a -> null,
        "close", a -> null));
    PlatformRegistry platforms = Fakes.of(PlatformRegistry.class, Map.of("lease", a -> lease));
    EnvironmentService envs = Fakes.of(EnvironmentService.class, Map.of("gatewayEndpoint",
        a -> new GatewayEndpoint(env.endpoints().get("http"), (String) a[1], "8.1.44", null)));
    Gateways gateways = new Gateways(() -> platforms, () -> envs, () -> null, () -> null);
    return new SmokeStep(new StepServices(() -> null, () -> envs, gateways, p -> List.of()), Duration.ofMillis(1500));
  }

  private StepContext context() {
    ResourceTree tree = new ResourceTree(new byte[0], new TreeMap<>(), null);
    return Fakes.of(StepContext.class, Map.of(
        "step", a -> new StepDefinition("smoke", "smoke", Map.of(), null),
        "environment", a -> Optional.of(env),
        "project", a -> "plant",
        "actingUser", a -> "lee",
        "tree", a -> tree,
        "log", a -> log.add((String) a[0])));
  }
}
