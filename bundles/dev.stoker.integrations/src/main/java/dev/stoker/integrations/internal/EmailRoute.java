package dev.stoker.integrations.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;

/**
 * The route of one e-mail notification: reads its own bounded queue, keeps the events whose topic matches
 * and sends each as a plain-text e-mail through camel-mail (SMTP). The subject says what happened (for
 * alerts: state, rule and target); the body lists the event's fields. A message the server refuses is
 * logged and dropped (SMTP servers queue and retry themselves).
 */
final class EmailRoute extends RouteBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EmailSpec spec;

  EmailRoute(EmailSpec spec) {
    this.spec = spec;
  }

  String routeId() {
    return "email-" + spec.id();
  }

  String queueUri() {
    return "seda:stoker-email-" + spec.id() + "?size=" + spec.queueSize() + "&blockWhenFull=false";
  }

  @Override
  public void configure() throws Exception {
    onException(Exception.class).handled(true).maximumRedeliveries(0)
        .process(e -> log.error("E-mail {} not sent: {}", spec.id(),
            e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()));
    from(queueUri()).routeId(routeId())
        .filter(e -> spec.topics().matches(e.getMessage().getHeader(StokerCamel.TOPIC_HEADER, String.class)))
        .process(this::prepare)
        .to(endpoint());
  }

  /** The SMTP endpoint, configured in code so that the password never appears in a URI or a log. */
  private MailEndpoint endpoint() {
    String scheme = spec.security().equals("ssl") ? "smtps" : "smtp";
    // an endpoint of its own (not looked up by URI): two notifications to one server never share settings
    MailComponent component = getContext().getComponent(scheme, MailComponent.class);
    MailConfiguration config = component.getConfiguration().copy();
    config.configureProtocol(scheme);
    config.setHost(spec.host());
    config.setPort(spec.port());
    config.setFrom(spec.from());
    config.setTo(String.join(",", spec.to()));
    config.setUsername(spec.username());
    config.setPassword(spec.password());
    if (spec.security().equals("starttls")) {
      config.setAdditionalJavaMailProperties(props("mail.smtp.starttls.enable", "true",
          "mail.smtp.starttls.required", "true"));
    }
    config.setConnectionTimeout(15_000);
    MailEndpoint endpoint = new MailEndpoint(scheme + "://" + spec.host() + ":" + spec.port(), component, config);
    endpoint.setCamelContext(getContext());
    return endpoint;
  }

  private static java.util.Properties props(String... pairs) {
    java.util.Properties p = new java.util.Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  private void prepare(Exchange exchange) throws Exception {
    // Jakarta Mail and Activation look up their providers (angus) with ServiceLoader, which may use the
    // context class loader; in OSGi they are on this bundle's class path only. The thread is this route's
    // own queue consumer.
    Thread.currentThread().setContextClassLoader(EmailRoute.class.getClassLoader());
    Message in = exchange.getMessage();
    JsonNode event = JSON.readTree(in.getBody(String.class));
    in.removeHeaders("*");
    in.setHeader("Subject", subject(event));
    in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
    in.setBody(body(event));
  }

  static String subject(JsonNode event) {
    JsonNode data = event.path("data");
    String subject;
    if (event.path("topic").asText().equals("dev/stoker/alert")) {
      subject = "[Stoker] " + data.path("state").asText().toUpperCase(java.util.Locale.ROOT) + " "
          + data.path("ruleName").asText() + " (" + data.path("severity").asText() + ") on "
          + event.path("target").asText();
    } else {
      subject = "[Stoker] " + event.path("topic").asText() + " " + event.path("target").asText("") + " "
          + data.path("change").asText(data.path("status").asText(""));
    }
    // a header never holds a line break (no header injection from event text)
    subject = subject.replaceAll("[\\r\\n]+", " ").trim();
    return subject.length() > 200 ? subject.substring(0, 200) : subject;
  }

  static String body(JsonNode event) {
    StringBuilder b = new StringBuilder();
    String message = event.path("data").path("message").asText("");
    if (!message.isEmpty()) {
      b.append(message).append("\n\n");
    }
    b.append("topic: ").append(event.path("topic").asText()).append('\n');
    b.append("time: ").append(event.path("time").asText()).append('\n');
    b.append("target: ").append(event.path("target").asText("")).append('\n');
    for (Iterator<Map.Entry<String, JsonNode>> it = event.path("data").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("message")) {
        b.append(e.getKey()).append(": ").append(e.getValue().asText()).append('\n');
      }
    }
    return b.toString();
  }
}
