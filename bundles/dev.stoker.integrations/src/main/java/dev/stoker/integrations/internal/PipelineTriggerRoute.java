package dev.stoker.integrations.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.event.EventProperties;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route {@value #ROUTE_ID}: reads repository events from its own bounded queue and, for a recorded revision
 * or a concluded merge, asks the pipeline service to start a run when the project's pipeline file lists the
 * branch under {@code triggers.branches}. A trigger that fails (a removed project, an invalid pipeline file) is
 * logged and counted, not retried: the change itself stands, and a person can start the run.
 */
final class PipelineTriggerRoute extends RouteBuilder {
  static final String ROUTE_ID = "pipeline-triggers";
  static final String QUEUE_URI = "seda:stoker-pipeline-triggers?size=1000&blockWhenFull=false";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PipelineService pipelines;
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  PipelineTriggerRoute(PipelineService pipelines) {
    this.pipelines = pipelines;
  }

  long started() {
    return started.get();
  }

  long failed() {
    return failed.get();
  }

  @Override
  public void configure() {
    onException(Exception.class).handled(true).maximumRedeliveries(0).process(this::gaveUp);
    from(QUEUE_URI).routeId(ROUTE_ID)
        .filter(header(StokerCamel.TOPIC_HEADER).isEqualTo(EventTopics.REPOSITORY))
        .process(this::trigger);
  }

  private void trigger(Exchange exchange) throws Exception {
    JsonNode event = JSON.readTree(exchange.getMessage().getBody(String.class));
    JsonNode data = event.path("data");
    String change = data.path(EventProperties.CHANGE).asText();
    if (!change.equals(EventProperties.CHANGE_REVISION) && !change.equals(EventProperties.CHANGE_MERGE)) {
      return;
    }
    String project = event.path(EventProperties.TARGET).asText(null);
    String branch = data.path(EventProperties.BRANCH).asText(null);
    Optional<Run> run = pipelines.triggerOnRevision(project, branch,
        data.path(EventProperties.REVISION).asText(null), event.path(EventProperties.ACTOR).asText(null));
    run.ifPresent(r -> {
      started.incrementAndGet();
      log.info("Started pipeline run {} of {} for {} on {} ({})", r.id(), project, r.startedBy(), branch, change);
    });
  }

  private void gaveUp(Exchange exchange) {
    failed.incrementAndGet();
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    log.warn("No pipeline run triggered: {}", cause == null ? "unknown error" : cause.getMessage());
  }
}
