package dev.stoker.integrations.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin route files (Camel YAML DSL) loaded from a folder into the running context. */
class RouteFilesTest extends CamelWithServer {
  @TempDir
  Path folder;

  private static String auditToMock(String id, String mock) {
    return """
        - route:
            id: %s
            from:
              uri: "seda:stoker-events?multipleConsumers=true"
              steps:
                - filter:
                    simple: "${header.StokerTopic} == 'dev/stoker/audit'"
                    steps:
                      - to: "%s"
        """.formatted(id, mock);
  }

  @Test
  void loadsGoodFilesReportsBrokenOnesAndRoutesEvents() throws Exception {
    Files.writeString(folder.resolve("10-audit.yaml"), auditToMock("audit-to-mock", "mock:audit"));
    Files.writeString(folder.resolve("20-broken.yaml"), "- route:\n    from: [unclosed\n");
    Files.writeString(folder.resolve("30-unknown-component.yml"), """
        - route:
            id: nowhere
            from:
              uri: "nosuchcomponent:foo"
              steps:
                - to: "log:x"
        """);
    Files.writeString(folder.resolve("40-http.yml"), """
        - route:
            id: alerts-to-http
            from:
              uri: "seda:stoker-events?multipleConsumers=true"
              steps:
                - filter:
                    simple: "${header.StokerTopic} == 'dev/stoker/alert'"
                    steps:
                      - removeHeaders:
                          pattern: "*"
                      - to: "%s"
        """.formatted(server.url("/chat")));
    Files.writeString(folder.resolve("notes.txt"), "not a route file");

    // a webhook added meanwhile must not be taken for a route of the files
    camel.addWebhook(WebhookSpec.from("side", WebhookRouteTest.config(server.url("/side"), "", 0, "dev/none"),
        n -> null));
    RouteFiles files = new RouteFiles(camel.context(), folder);
    RouteFiles.Report report = files.loadAll();

    assertEquals(Map.of("10-audit.yaml", List.of("audit-to-mock"), "40-http.yml", List.of("alerts-to-http")),
        report.loaded());
    assertEquals(List.of("20-broken.yaml", "30-unknown-component.yml"), List.copyOf(report.failed().keySet()));
    assertTrue(report.failed().get("30-unknown-component.yml").contains("nosuchcomponent"),
        report.failed().get("30-unknown-component.yml"));
    assertNull(camel.context().getRoute("nowhere"), "routes of a failed file must be removed");

    MockEndpoint mock = camel.context().getEndpoint("mock:audit", MockEndpoint.class);
    mock.expectedMessageCount(1);
    camel.publish("dev/stoker/environment", Map.of("state", "RUNNING"));
    camel.publish("dev/stoker/audit", Map.of("actor", "alice", "action", "login"));
    camel.publish("dev/stoker/alert", Map.of("severity", "CRITICAL"));
    mock.assertIsSatisfied(10_000);
    assertTrue(mock.getExchanges().get(0).getMessage().getBody(String.class).contains("\"actor\":\"alice\""));

    LocalHttpServer.Received r = server.next(10_000);
    assertNotNull(r, "the HTTP route file got no event");
    assertTrue(r.body().contains("\"severity\":\"CRITICAL\""), r.body());

    // the admin fixes the failed file: it loads under the same route id
    Files.writeString(folder.resolve("30-unknown-component.yml"), """
        - route:
            id: nowhere
            from:
              uri: "seda:stoker-events?multipleConsumers=true"
              steps:
                - to: "mock:fixed"
        """);
    assertEquals(Map.of("30-unknown-component.yml", List.of("nowhere")), files.reload("30-unknown-component.yml").loaded());
    assertNotNull(camel.context().getRoute("nowhere"));
  }

  @Test
  void missingFolderLoadsNothing() {
    RouteFiles.Report report = new RouteFiles(camel.context(), folder.resolve("absent")).loadAll();
    assertTrue(report.loaded().isEmpty());
    assertTrue(report.failed().isEmpty());
  }

  @Test
  void watcherReloadsChangedAndDeletedFiles() throws Exception {
    RouteFiles files = new RouteFiles(camel.context(), folder);
    files.loadAll();
    try (RouteFolderWatcher watcher = RouteFolderWatcher.start(files)) {
      assertNotNull(watcher);
      Path file = folder.resolve("audit.yaml");
      Files.writeString(file, auditToMock("hot", "mock:first"));
      await("route hot added").atMost(Duration.ofSeconds(15)).until(() -> camel.context().getRoute("hot") != null);

      Files.writeString(file, auditToMock("hot2", "mock:second"));
      await("route hot replaced by hot2").atMost(Duration.ofSeconds(15))
          .until(() -> camel.context().getRoute("hot2") != null && camel.context().getRoute("hot") == null);

      Files.delete(file);
      await("route hot2 removed").atMost(Duration.ofSeconds(15)).until(() -> camel.context().getRoute("hot2") == null);
    }
  }
}
