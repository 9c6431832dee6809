package dev.stoker.integrations.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.testing.OsgiConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Events through a real Camel context to a real HTTP server on 127.0.0.1. */
class WebhookRouteTest extends CamelWithServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A webhook with quick redeliveries and a small queue. */
  static WebhookConfig config(String url, String secretEnv, int maxRetries, String... topics) {
    return OsgiConfigs.of(WebhookConfig.class, Map.of("url", url, "secretEnv", secretEnv, "maxRetries", maxRetries,
        "topics", topics, "retryDelayMillis", 50, "maxRetryDelayMillis", 200, "queueSize", 100));
  }

  private static Map<String, Object> audit(String actor, String action) {
    return Map.of("actor", actor, "action", action, "target", "env-1", "outcome", "SUCCESS",
        "time", "2026-11-26T10:00:00Z", "seq", 7L, "event.topics", "dev/stoker/audit");
  }

  private static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deliversSignedJsonToTheWebhook() throws Exception {
    WebhookSpec spec = WebhookSpec.from("ops", config(server.url("/hooks/stoker?team=ops"), "HOOK_SECRET", 0,
        "dev/stoker/audit"), name -> name.equals("HOOK_SECRET") ? "s3cret" : null);
    WebhookRoute route = camel.addWebhook(spec);

    camel.publish("dev/stoker/audit", audit("alice", "environment.create"));

    LocalHttpServer.Received r = server.next(10_000);
    assertNotNull(r, "webhook received nothing");
    assertEquals("POST", r.method());
    assertEquals("/hooks/stoker", r.path());
    assertEquals("team=ops", r.query());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
    assertEquals("dev/stoker/audit", r.header("X-Stoker-Topic"));
    assertEquals(hmac("s3cret", r.body()), r.header("X-Stoker-Signature"));
    assertNull(r.header("StokerTopic"), "internal headers must not leak");

    JsonNode json = JSON.readTree(r.body());
    assertEquals("dev/stoker/audit", json.get("topic").asText());
    assertEquals("2026-11-26T10:00:00Z", json.get("time").asText());
    assertEquals("alice", json.get("actor").asText());
    assertEquals("env-1", json.get("target").asText());
    assertEquals("environment.create", json.at("/data/action").asText());
    assertEquals("SUCCESS", json.at("/data/outcome").asText());
    assertEquals("7", json.at("/data/seq").asText());
    assertTrue(json.at("/data/event.topics").isMissingNode());
    await("delivered count").atMost(Duration.ofSeconds(5)).until(() -> route.delivered() == 1);
  }

  @Test
  void deliversOnlyMatchingTopics() throws Exception {
    WebhookRoute route = camel.addWebhook(WebhookSpec.from("audit-only",
        config(server.url("/a"), "", 0, "dev/stoker/audit"), n -> null));

    camel.publish("dev/stoker/environment", Map.of("actor", "bob", "target", "env-2", "state", "RUNNING"));
    camel.publish("dev/stoker/audit", audit("carol", "secret.read"));

    LocalHttpServer.Received r = server.next(10_000);
    assertNotNull(r);
    assertEquals("dev/stoker/audit", r.header("X-Stoker-Topic"));
    assertNull(r.header("X-Stoker-Signature"), "unsigned webhook must not send a signature");
    // one queue per webhook keeps order: the environment event came first and was filtered out
    assertNull(server.next(300));
    assertEquals(1, route.delivered());
  }

  @Test
  void wildcardTopicsTakeEverything() throws Exception {
    camel.addWebhook(WebhookSpec.from("all", config(server.url("/all"), "", 0, "dev/stoker/*"), n -> null));
    camel.publish("dev/stoker/environment", Map.of("state", "RUNNING"));
    camel.publish("dev/stoker/pipeline", Map.of("state", "WAITING"));
    assertEquals("dev/stoker/environment", server.next(10_000).header("X-Stoker-Topic"));
    assertEquals("dev/stoker/pipeline", server.next(10_000).header("X-Stoker-Topic"));
  }

  @Test
  void retriesAfterServerErrorThenSucceeds() throws Exception {
    server.script(500, 503);
    WebhookRoute route = camel.addWebhook(WebhookSpec.from("flaky",
        config(server.url("/flaky"), "HOOK_SECRET", 3, "dev/stoker/*"), n -> "k"));

    camel.publish("dev/stoker/audit", audit("dave", "login"));

    LocalHttpServer.Received first = server.next(10_000);
    LocalHttpServer.Received second = server.next(10_000);
    LocalHttpServer.Received third = server.next(10_000);
    assertNotNull(third, "expected two failed attempts and a third that succeeds");
    assertEquals(first.body(), third.body());
    assertEquals(first.header("X-Stoker-Signature"), third.header("X-Stoker-Signature"));
    assertEquals(second.body(), third.body());
    await("delivery after retries").atMost(Duration.ofSeconds(5)).until(() -> route.delivered() == 1);
    assertEquals(0, route.failed());
    assertNull(server.next(300), "no further attempt after success");
  }

  @Test
  void givesUpAfterMaxRetriesAndDoesNotRetryClientErrors() throws Exception {
    server.script(500, 500, 500, 400);
    WebhookRoute route = camel.addWebhook(WebhookSpec.from("down",
        config(server.url("/down"), "", 2, "dev/stoker/*"), n -> null));

    camel.publish("dev/stoker/audit", audit("eve", "one"));
    for (int i = 0; i < 3; i++) {
      assertNotNull(server.next(10_000), "attempt " + (i + 1));
    }
    await("give up").atMost(Duration.ofSeconds(5)).until(() -> route.failed() == 1);

    camel.publish("dev/stoker/audit", audit("eve", "two")); // answered 400: not retried
    assertNotNull(server.next(10_000));
    await("second failure").atMost(Duration.ofSeconds(5)).until(() -> route.failed() == 2);
    assertNull(server.next(300), "a 400 must not be retried");
    assertEquals(0, route.delivered());
  }

  @Test
  void removedWebhookGetsNoMoreEvents() throws Exception {
    camel.addWebhook(WebhookSpec.from("gone", config(server.url("/gone"), "", 0, "dev/stoker/*"), n -> null));
    camel.publish("dev/stoker/audit", audit("f", "a"));
    assertNotNull(server.next(10_000));
    camel.removeWebhook("gone");
    assertNull(camel.context().getRoute("webhook-gone"));
    camel.publish("dev/stoker/audit", audit("f", "b"));
    assertNull(server.next(500));
  }

  @Test
  void rejectsBadConfiguration() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WebhookSpec.from("x", config("ftp://example/x", "", 0, "dev/stoker/*"), n -> null));
    assertTrue(e.getMessage().startsWith("url:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> WebhookSpec.from("x", config(server.url("/"), "MISSING", 0, "dev/stoker/*"), n -> null));
    assertTrue(e.getMessage().startsWith("secretEnv:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> WebhookSpec.from("x", config(server.url("/"), "", 0, " "), n -> null));
    assertTrue(e.getMessage().startsWith("topics:"), e.getMessage());
  }
}
