package dev.stoker.integrations.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.pipeline.PipelineService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repository events through a real Camel context to the pipeline service's trigger. */
class PipelineTriggerRouteTest {
  private StokerCamel camel;
  private final List<List<Object>> calls = new CopyOnWriteArrayList<>();
  private PipelineTriggerRoute route;

  @BeforeEach
  void start() throws Exception {
    camel = StokerCamel.start(getClass().getClassLoader(), 5000);
    PipelineService pipelines = (PipelineService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PipelineService.class}, (proxy, method, args) -> {
          if (!method.getName().equals("triggerOnRevision")) {
            throw new UnsupportedOperationException(method.getName());
          }
          calls.add(List.of(args));
          if ("gone".equals(args[0])) {
            throw new ConflictException("rev: project gone has no revision yet; import it first");
          }
          return Optional.empty();
        });
    route = new PipelineTriggerRoute(pipelines);
    camel.subscribe("pipeline triggers", route, PipelineTriggerRoute.QUEUE_URI);
  }

  @AfterEach
  void stop() {
    camel.close();
  }

  private static Map<String, Object> repositoryEvent(String project, String change, String actor) {
    return Map.of("target", project, "change", change, "actor", actor, "branch", "main", "revision",
        "0123456789abcdef0123456789abcdef01234567", "event.topics", EventTopics.REPOSITORY);
  }

  @Test
  void aRevisionOrAMergeAsksForARunForTheirAuthor() {
    camel.publish(EventTopics.REPOSITORY, repositoryEvent("plant", "revision", "ann"));
    camel.publish(EventTopics.REPOSITORY, repositoryEvent("plant", "merge", "lee"));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2);
    assertEquals(List.of("plant", "main", "0123456789abcdef0123456789abcdef01234567", "ann"), calls.get(0));
    assertEquals(List.of("plant", "main", "0123456789abcdef0123456789abcdef01234567", "lee"), calls.get(1));
  }

  @Test
  void otherEventsAskForNothing() {
    camel.publish(EventTopics.REPOSITORY, repositoryEvent("plant", "release", "ann"));
    camel.publish(EventTopics.ENVIRONMENT, repositoryEvent("plant", "revision", "ann"));
    camel.publish(EventTopics.REPOSITORY, repositoryEvent("marker", "revision", "ann"));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
    assertEquals("marker", calls.get(0).get(0), "only the marker event, sent last, got through: " + calls);
  }

  @Test
  void aFailedTriggerIsCountedAndTheRouteGoesOn() {
    camel.publish(EventTopics.REPOSITORY, repositoryEvent("gone", "revision", "ann"));
    camel.publish(EventTopics.REPOSITORY, repositoryEvent("plant", "revision", "ann"));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2 && route.failed() == 1);
  }
}
