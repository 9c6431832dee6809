package dev.stoker.telemetry.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayDiagnostic;
import dev.stoker.api.platform.HealthProbe;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.testing.Fakes;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process stand-ins for environments and their gateways: a platform adapter whose probe and client answer
 * from a table the test changes ({@code up}, {@code hanging}, metrics), and an environment service listing
 * the environments the test adds.
 */
final class Gateways {
  /** Per environment id (the http host): whether the probe says READY. */
  final Map<String, Boolean> ready = new ConcurrentHashMap<>();
  /** Environment ids whose probe never returns until interrupted. */
  final Map<String, Boolean> hanging = new ConcurrentHashMap<>();
  final Map<String, Map<String, Double>> metrics = new ConcurrentHashMap<>();
  /** Per environment id: the labelled figures its client answers (none unless set). */
  final Map<String, List<GatewayDiagnostic>> diagnostics = new ConcurrentHashMap<>();
  final Map<String, Environment> environments = new ConcurrentHashMap<>();

  Environment add(String id, EnvironmentState state) {
    Environment env = new Environment(id, EnvironmentSpec.builder(id + "-name", "fake", Stage.DEV).build(), state,
        null, "local", Map.of("http", URI.create("http://" + id + ".invalid:8088")), "t", Instant.EPOCH,
        Instant.EPOCH);
    environments.put(id, env);
    ready.put(id, true);
    metrics.put(id, Map.of("memory.used.bytes", 1000.0, "cpu.usage", 0.25));
    return env;
  }

  EnvironmentService environmentService() {
    return Fakes.of(EnvironmentService.class, Map.of(
        "list", a -> {
          List<Environment> all = environments.values().stream()
              .sorted(java.util.Comparator.comparing(Environment::id)).toList();
          return new Page<>(all, 0, 500, all.size());
        },
        "get", a -> Optional.ofNullable(environments.get((String) a[0]))));
  }

  private ProbeResult probe(URI http) {
    String id = http.getHost().replace(".invalid", "");
    if (hanging.containsKey(id)) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ProbeResult(Readiness.STARTING, "interrupted");
    }
    return new ProbeResult(Boolean.TRUE.equals(ready.get(id)) ? Readiness.READY : Readiness.STARTING, "");
  }

  PlatformRegistry platforms() {
    HealthProbe probe = this::probe;
    RuntimeProfile profile = new RuntimeProfile("img", List.of(), Map.of(), List.of(), List.of(), "/data", null,
        null, null, probe, 0);
    PlatformAdapter adapter = Fakes.of(PlatformAdapter.class, Map.of(
        "runtimeProfile", a -> profile,
        "gatewayClient", a -> {
          String id = ((dev.stoker.api.platform.GatewayEndpoint) a[0]).httpBase().getHost().replace(".invalid", "");
          return Fakes.of(GatewayClient.class, Map.of("metrics", x -> metrics.get(id),
              "diagnostics", x -> diagnostics.getOrDefault(id, List.of())));
        }));
    return Fakes.of(PlatformRegistry.class, Map.of("find", a -> Optional.of(adapter)));
  }
}
