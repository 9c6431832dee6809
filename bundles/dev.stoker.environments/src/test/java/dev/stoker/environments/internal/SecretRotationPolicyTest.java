package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.event.EventTopics;
import dev.stoker.platform.internal.PlatformRegistryImpl;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class SecretRotationPolicyTest {
  private final List<String> restarted = new ArrayList<>();
  private final List<Environment> all = List.of(
      env("e1", "gw-restart", Stage.DEV, EnvironmentState.RUNNING, Map.of("DB_PASSWORD_FILE_SRC", "db/password"), "restart"),
      env("e2", "gw-default", Stage.DEV, EnvironmentState.RUNNING, Map.of("X", "db/password"), null),
      env("e3", "gw-stopped", Stage.DEV, EnvironmentState.STOPPED, Map.of("X", "db/password"), "restart"),
      env("e4", "gw-prod", Stage.PROD, EnvironmentState.RUNNING, Map.of("X", "db/password"), "restart"),
      env("e5", "gw-other", Stage.DEV, EnvironmentState.RUNNING, Map.of("X", "other/secret"), "restart"));
  private final SecretRotationPolicy policy = new SecretRotationPolicy((EnvironmentService) Proxy.newProxyInstance(
      getClass().getClassLoader(), new Class<?>[] {EnvironmentService.class}, (proxy, method, args) -> {
        switch (method.getName()) {
          case "list":
            return new Page<>(all, 0, 500, all.size());
          case "change":
            assertEquals(LifecycleAction.RESTART, args[1]);
            assertEquals(SecretRotationPolicy.ACTOR, args[2]);
            restarted.add((String) args[0]);
            return null;
          default:
            throw new UnsupportedOperationException(method.getName());
        }
      }), new PlatformRegistryImpl());

  private static Environment env(String id, String name, Stage stage, EnvironmentState state, Map<String, String> secrets,
      String policy) {
    EnvironmentSpec spec = new EnvironmentSpec(name, "ignition", "8.3.4", null, stage, List.of(), List.of(), secrets, null,
        Map.of(), new ResourceLimits(0, 0), null, null, policy == null ? Map.of() : Map.of(SecretRotationPolicy.LABEL, policy));
    return new Environment(id, spec, state, null, "local", Map.of(), "alice", Instant.EPOCH, Instant.EPOCH);
  }

  private void fire(String kind, String scope, String path) {
    policy.handleEvent(new Event(EventTopics.SECRET, Map.of("kind", kind, "scope", scope, "path", path)));
  }

  @Test
  void restartsOnlyRunningEnvironmentsWithThePolicyThatUseTheSecretInTheirChain() {
    fire("rotated", "workspace", "db/password");
    assertEquals(List.of("e1", "e4"), restarted);
  }

  @Test
  void aStageScopedChangeReachesOnlyThatStage() {
    fire("written", "stage:prod", "db/password");
    assertEquals(List.of("e4"), restarted);
    restarted.clear();
    fire("rolled-back", "environment:e1", "db/password");
    assertEquals(List.of("e1"), restarted);
  }

  @Test
  void otherEventsChangeNothing() {
    fire("deleted", "workspace", "db/password");
    fire("expiring", "workspace", "db/password");
    fire("rotated", "workspace", "unused/path");
    fire("rotated", "project:p1", "db/password");
    assertEquals(List.of(), restarted);
  }
}
