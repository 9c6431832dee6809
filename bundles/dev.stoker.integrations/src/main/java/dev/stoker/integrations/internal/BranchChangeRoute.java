package dev.stoker.integrations.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.event.EventProperties;
import dev.stoker.api.event.EventTopics;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * A route on its own bounded queue that acts on each new revision or concluded merge of a project branch
 * (repository events). What it does is the subclass's; a failure is logged and counted, not retried: the change
 * itself stands, and a person can do by hand what the route could not.
 */
abstract class BranchChangeRoute extends RouteBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String routeId;
  private final String queueUri;
  private final String failure;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /**
   * @param failure what the log says when it fails, e.g. "No pipeline run triggered"
   */
  BranchChangeRoute(String routeId, String queueUri, String failure) {
    this.routeId = routeId;
    this.queueUri = queueUri;
    this.failure = failure;
  }

  /** @return how many things the route did (runs started, documents refreshed) */
  long done() {
    return done.get();
  }

  long failed() {
    return failed.get();
  }

  /**
   * @param change {@link EventProperties#CHANGE_REVISION} or {@link EventProperties#CHANGE_MERGE}
   * @return how many things it did
   */
  abstract int onChange(String project, String branch, String revision, String actor, String change);

  @Override
  public void configure() {
    onException(Exception.class).handled(true).maximumRedeliveries(0).process(this::gaveUp);
    from(queueUri).routeId(routeId)
        .filter(header(StokerCamel.TOPIC_HEADER).isEqualTo(EventTopics.REPOSITORY))
        .process(this::handle);
  }

  private void handle(Exchange exchange) throws Exception {
    JsonNode event = JSON.readTree(exchange.getMessage().getBody(String.class));
    JsonNode data = event.path("data");
    String change = data.path(EventProperties.CHANGE).asText();
    if (!change.equals(EventProperties.CHANGE_REVISION) && !change.equals(EventProperties.CHANGE_MERGE)) {
      return;
    }
    done.addAndGet(onChange(event.path(EventProperties.TARGET).asText(null),
        data.path(EventProperties.BRANCH).asText(null), data.path(EventProperties.REVISION).asText(null),
        event.path(EventProperties.ACTOR).asText(null), change));
  }

  private void gaveUp(Exchange exchange) {
    failed.incrementAndGet();
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    log.warn("{}: {}", failure, cause == null ? "unknown error" : cause.getMessage());
  }
}
