package dev.stoker.integrations.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.event.EventTopics;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repository events through a real Camel context to the document service's refresh. */
class DocumentFreshnessRouteTest {
  private StokerCamel camel;
  private final List<List<Object>> calls = new CopyOnWriteArrayList<>();
  private DocumentFreshnessRoute route;

  @BeforeEach
  void start() throws Exception {
    camel = StokerCamel.start(getClass().getClassLoader(), 5000);
    DocumentService documents = (DocumentService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DocumentService.class}, (proxy, method, args) -> {
          if (!method.getName().equals("refresh")) {
            throw new UnsupportedOperationException(method.getName());
          }
          calls.add(List.of(args));
          if ("gone".equals(args[0])) {
            throw new NotFoundException("project 'gone' not found");
          }
          return 2;
        });
    route = new DocumentFreshnessRoute(documents);
    camel.subscribe("document freshness", route, DocumentFreshnessRoute.QUEUE_URI);
  }

  @AfterEach
  void stop() {
    camel.close();
  }

  private static Map<String, Object> event(String project, String change) {
    return Map.of("target", project, "change", change, "actor", "ann", "branch", "main", "revision",
        "0123456789abcdef0123456789abcdef01234567", "event.topics", EventTopics.REPOSITORY);
  }

  @Test
  void revisionsAndMergesRefreshTheBranchDocuments() {
    camel.publish(EventTopics.REPOSITORY, event("plant", "revision"));
    camel.publish(EventTopics.REPOSITORY, event("plant", "merge"));
    await().atMost(Duration.ofSeconds(10)).until(() -> route.done() == 4);
    assertEquals(List.of("plant", "main", "ann"), calls.get(0));
  }

  @Test
  void releasesAndOtherTopicsRefreshNothingAndFailuresAreCounted() {
    camel.publish(EventTopics.REPOSITORY, event("plant", "release"));
    camel.publish(EventTopics.ENVIRONMENT, event("plant", "revision"));
    camel.publish(EventTopics.REPOSITORY, event("gone", "revision"));
    camel.publish(EventTopics.REPOSITORY, event("marker", "revision"));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2 && route.failed() == 1);
    assertEquals("gone", calls.get(0).get(0), "only the last two events got through: " + calls);
  }
}
