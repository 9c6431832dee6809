package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.platform.internal.TestRegistries;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing from a running gateway reads its API key for the requester: the environment's stage rule for
 * secrets applies to them, and nothing is revealed when it refuses (security issue class 2).
 */
class GatewayImportStageTest {
  @TempDir
  Path dir;
  private GitRepositoryService repos;
  private final List<String> revealed = new CopyOnWriteArrayList<>();
  /** what deploys wrote into gateways' data folders: path → files */
  private final Map<String, SortedMap<String, byte[]>> written = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    repos = new GitRepositoryService(dir.resolve("repos"), new FileBlobStore(dir.resolve("blobs")),
        TestRegistries.of(Exports.ignition()), TestSettings.small(),
        Clock.systemUTC());
    repos.create("plant", "ignition", "", "lee");
    Map<String, Environment> envs = Map.of("env-prod", environment("env-prod", "8.3.4"),
        "env-old", environment("env-old", "8.1.44"));
    repos.setEnvironments((EnvironmentService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {EnvironmentService.class}, (p, m, a) -> {
          if (m.getName().equals("get")) {
            return Optional.ofNullable(envs.get((String) a[0]));
          }
          if (m.getName().equals("gatewayEndpoint")) {
            Environment env = envs.get((String) a[0]);
            return new GatewayEndpoint(env.endpoints().get("http"), (String) a[1], env.spec().version(),
                (path, files) -> written.put(path, files));
          }
          throw new UnsupportedOperationException(m.getName());
        }));
    repos.setSecrets((SecretService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {SecretService.class}, (p, m, a) -> {
          if (m.getName().equals("reveal") || m.getName().equals("revealIn")) {
            revealed.add((String) a[a.length - 1]);
            return "stoker:key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          }
          throw new UnsupportedOperationException(m.getName());
        }));
  }

  private static Environment environment(String id, String version) {
    EnvironmentSpec spec = new EnvironmentSpec("gw-" + id, "ignition", version, null, Stage.PROD, List.of(),
        List.of(), Map.of(), null, Map.of(), ResourceLimits.NONE, null, null, Map.of());
    return new Environment(id, spec, EnvironmentState.RUNNING, null, "local",
        Map.of("http", URI.create("http://127.0.0.1:9")), "lee", Instant.EPOCH, Instant.EPOCH);
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  /** Only leads may use secrets on prod; everyone else is refused, naming the stage. */
  private static StagePolicy leadsOnProd() {
    return (StagePolicy) Proxy.newProxyInstance(GatewayImportStageTest.class.getClassLoader(),
        new Class<?>[] {StagePolicy.class}, (p, m, x) -> {
          Object[] a = x != null && x.length == 4 ? new Object[] {x[0], x[2], x[3]} : x;
          if (m.getName().equals("check")) {
            if (a[1] == Stage.PROD && (a[2] == StageAction.USE_SECRET || a[2] == StageAction.DEPLOY)
                && !a[0].equals("lee")) {
              throw new ForbiddenException("stage prod: " + a[2] + " there needs the lead role", "prod");
            }
            return null;
          }
          if (m.getName().equals("allowedImages")) {
            return Set.of();
          }
          throw new UnsupportedOperationException(m.getName());
        });
  }

  @Test
  void anEngineerCannotMakeStokerReadAProdGatewaysKey() {
    repos.setStagePolicy(leadsOnProd());
    ForbiddenException e = assertThrows(ForbiddenException.class, () -> repos.importFromEnvironment("plant", null,
        "env-prod", "Plant", null, "workspace:ignition/api-key", "erin", "take prod"));
    assertEquals("prod", e.stage());
    assertTrue(revealed.isEmpty(), "nothing revealed");
  }

  @Test
  void withoutTheStageRulesNoKeyIsRead() {
    UnavailableException e = assertThrows(UnavailableException.class, () -> repos.importFromEnvironment("plant",
        null, "env-prod", "Plant", null, "workspace:ignition/api-key", "lee", "take prod"));
    assertTrue(e.getMessage().contains("stage rules"), e.getMessage());
    assertTrue(revealed.isEmpty(), "fail closed");
  }

  @Test
  void aLeadsReadIsAuditedUnderTheirName() {
    repos.setStagePolicy(leadsOnProd());
    // the gateway at 127.0.0.1:9 does not answer: the import fails after the key was read, in lee's name
    assertThrows(Exception.class, () -> repos.importFromEnvironment("plant", null, "env-prod", "Plant", null,
        "workspace:ignition/api-key", "lee", "take prod"));
    assertEquals(List.of("lee"), revealed);
  }

  @Test
  void anEngineerCannotDeployToProdNorMakeStokerReadItsKey() throws Exception {
    repos.setStagePolicy(leadsOnProd());
    repos.importExport("plant", null, new java.io.ByteArrayInputStream(new Exports.Project().zip()), null, null, "lee", "v1");
    ForbiddenException e = assertThrows(ForbiddenException.class, () -> repos.deploy("plant", null, "env-prod",
        null, null, "workspace:ignition/api-key", "erin"));
    assertEquals("prod", e.stage());
    assertTrue(revealed.isEmpty(), "nothing revealed");
    repos.setStagePolicy(null);
    assertThrows(UnavailableException.class, () -> repos.deploy("plant", null, "env-prod", null, null, null, "lee"),
        "without the stage rules nothing is deployed");
  }

  @Test
  void aLeadsDeployReadsTheKeyInTheirNameAndRefusesABadGatewayProjectName() throws Exception {
    repos.setStagePolicy(leadsOnProd());
    repos.importExport("plant", null, new java.io.ByteArrayInputStream(new Exports.Project().zip()), null, null, "lee", "v1");
    assertEquals("gatewayProject", assertThrows(dev.stoker.api.common.InvalidInputException.class,
        () -> repos.deploy("plant", null, "env-prod", "../etc", null, null, "lee")).field());
    // the gateway at 127.0.0.1:9 does not answer: the deploy fails after the key was read, in lee's name
    assertThrows(Exception.class, () -> repos.deploy("plant", null, "env-prod", "Plant", null,
        "workspace:ignition/api-key", "lee"));
    assertEquals(List.of("lee"), revealed);
  }

  @Test
  void aDeployToAn81GatewayWritesTheProjectFolderThroughTheEnvironment() throws Exception {
    repos.setStagePolicy(leadsOnProd());
    repos.importExport("plant", null, new java.io.ByteArrayInputStream(new Exports.Project().zip()), null, null, "lee",
        "v1");
    assertThrows(ForbiddenException.class, () -> repos.deploy("plant", null, "env-old", "Plant", null, null, "erin"));
    assertTrue(written.isEmpty(), "an engineer writes nothing into a prod gateway's data folder");
    // written, then the scan request to 127.0.0.1:9 fails: nothing answers there
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> repos.deploy("plant", null, "env-old",
        "Plant", null, null, "lee"));
    assertTrue(e.getMessage().contains("project-scan-endpoint"), e.getMessage());
    assertEquals(Set.of("projects/Plant"), written.keySet());
    assertTrue(written.get("projects/Plant").containsKey("project.json"), written.get("projects/Plant").keySet()
        .toString());
    written.clear();
    assertThrows(Exception.class, () -> repos.deploy("plant", null, "env-prod", "Plant", null, null, "lee"));
    assertTrue(written.isEmpty(), "8.3 deploys through its REST API, never into files");
  }
}
