package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.PipelineFile;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.secrets.SecretService;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The push webhook: only a push signed with the project's secret pulls and starts a run, acting for no one. */
class GitHookResourceTest {
  private static final String SECRET = "hook-secret-123";
  private static final byte[] PUSH = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean enabled = true;

  private <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> handler) {
    return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
        (p, m, a) -> handler.apply(m.getName(), a)));
  }

  private GitHookResource resource() {
    PipelineService pipelines = proxy(PipelineService.class, (m, a) -> switch (m) {
      case "pipeline" -> new PipelineFile("plant", "c", "", new PipelineDefinition(List.of(),
          new PipelineDefinition.Triggers(List.of("main"), null, enabled)), true);
      case "start" -> {
        calls.add("start " + a[1] + " as " + a[3]);
        yield null;
      }
      default -> throw new UnsupportedOperationException(m);
    });
    RepositoryService repository = proxy(RepositoryService.class, (m, a) -> {
      calls.add(m + " " + a[1] + " as " + a[2]);
      return null;
    });
    SecretService secrets = proxy(SecretService.class, (m, a) -> {
      if (!a[1].equals("pipelines/webhook") || !a[0].toString().contains("plant")) {
        throw new NotFoundException("no secret");
      }
      return SECRET.getBytes(StandardCharsets.UTF_8);
    });
    return new GitHookResource(pipelines, repository, secrets);
  }

  private static String sign(byte[] body, String key) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void aSignedPushPullsTheBranchAndStartsARunForNoOne() throws Exception {
    var answer = resource().push("plant", sign(PUSH, SECRET), null, new ByteArrayInputStream(PUSH));
    assertEquals(202, answer.getStatus());
    assertEquals(List.of("pull main as webhook:plant", "start main as webhook:plant"), calls);
    calls.clear();
    resource().push("plant", null, SECRET, new ByteArrayInputStream(PUSH)); // GitLab's token
    assertEquals(2, calls.size());
  }

  @Test
  void unsignedOrBadlySignedPushesAre401AndDoNothing() throws Exception {
    for (String[] headers : new String[][] {{null, null}, {sign(PUSH, "wrong"), null}, {null, "wrong"},
        {"sha256=" + "0".repeat(64), null}}) {
      ProblemException e = assertThrows(ProblemException.class, () -> resource().push("plant", headers[0],
          headers[1], new ByteArrayInputStream(PUSH)));
      assertEquals(401, e.getResponse().getStatus());
    }
    ProblemException other = assertThrows(ProblemException.class, () -> resource().push("ghost",
        sign(PUSH, SECRET), null, new ByteArrayInputStream(PUSH)));
    assertEquals(401, other.getResponse().getStatus(), "an unknown project answers like a bad signature");
    byte[] tampered = "{\"ref\":\"refs/heads/prod\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(401, assertThrows(ProblemException.class, () -> resource().push("plant", sign(PUSH, SECRET),
        null, new ByteArrayInputStream(tampered))).getResponse().getStatus());
    assertTrue(calls.isEmpty());
  }

  @Test
  void aPipelineThatDoesNotEnableTheHookStartsNothing() throws Exception {
    enabled = false;
    var answer = resource().push("plant", sign(PUSH, SECRET), null, new ByteArrayInputStream(PUSH));
    assertEquals(202, answer.getStatus());
    assertFalse(((GitHookResource.HookAnswer) answer.getEntity()).started());
    assertTrue(calls.isEmpty());
  }
}
