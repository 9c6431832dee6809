package dev.stoker.integrations.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The route of one webhook: reads its own bounded queue, keeps the events whose topic matches, signs the
 * JSON body (Stoker's event, or a Slack or Teams message: {@link ChatFormat}) and POSTs it. Failed deliveries are retried with exponential backoff on this webhook's own
 * thread (so order is kept and other webhooks are not delayed); 4xx answers other than 408 and 429 are
 * not retried. An event that still fails is logged and counted, then dropped.
 */
final class WebhookRoute extends RouteBuilder {
  static final String TOPIC_HTTP_HEADER = "X-Stoker-Topic";

  private final WebhookSpec spec;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  WebhookRoute(WebhookSpec spec) {
    this.spec = spec;
  }

  String routeId() {
    return "webhook-" + spec.id();
  }

  String queueUri() {
    return "seda:stoker-webhook-" + spec.id() + "?size=" + spec.queueSize() + "&blockWhenFull=false";
  }

  /** The Camel endpoint: the URL without its query (sent as a header, so it is not read as Camel options). */
  String endpointUri() {
    return spec.url().getScheme().toLowerCase() + "://" + spec.url().getRawAuthority()
        + (spec.url().getRawPath() == null ? "" : spec.url().getRawPath())
        + "?httpMethod=POST&throwExceptionOnFailure=true";
  }

  long delivered() {
    return delivered.get();
  }

  long failed() {
    return failed.get();
  }

  @Override
  public void configure() {
    // a route being removed stops retrying instead of holding up the removal
    errorHandler(defaultErrorHandler().allowRedeliveryWhileStopping(false));
    onException(HttpOperationFailedException.class)
        .onWhen(e -> !retryable(e.getException(HttpOperationFailedException.class)))
        .handled(true)
        .maximumRedeliveries(0)
        .process(this::gaveUp);

    onException(Exception.class)
        .handled(true)
        .maximumRedeliveries(spec.maxRetries())
        .redeliveryDelay(spec.retryDelayMillis())
        .useExponentialBackOff()
        .backOffMultiplier(2)
        .maximumRedeliveryDelay(spec.maxRetryDelayMillis())
        .retryAttemptedLogLevel(LoggingLevel.WARN)
        .process(this::gaveUp);

    from(queueUri()).routeId(routeId())
        .filter(e -> spec.topics().matches(e.getMessage().getHeader(StokerCamel.TOPIC_HEADER, String.class)))
        .process(this::prepare)
        .to(endpointUri())
        .process(e -> delivered.incrementAndGet());
  }

  private void prepare(Exchange exchange) {
    Message in = exchange.getMessage();
    String topic = in.getHeader(StokerCamel.TOPIC_HEADER, String.class);
    byte[] body = spec.format().render(in.getBody(String.class)).getBytes(StandardCharsets.UTF_8);
    in.removeHeaders("*");
    in.setBody(body);
    in.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
    in.setHeader(TOPIC_HTTP_HEADER, topic);
    if (spec.url().getRawQuery() != null) {
      in.setHeader(Exchange.HTTP_QUERY, spec.url().getRawQuery());
    }
    if (spec.secret() != null) {
      in.setHeader(Signatures.HEADER, Signatures.sign(spec.secret(), body));
    }
  }

  private static boolean retryable(HttpOperationFailedException e) {
    int status = e == null ? 500 : e.getStatusCode();
    return status >= 500 || status == 408 || status == 429;
  }

  private void gaveUp(Exchange exchange) {
    failed.incrementAndGet();
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    log.error("Webhook {} gave up on an event for {}: {}", spec.id(), spec.url().getHost(),
        cause == null ? "unknown error" : cause.getMessage());
  }
}
