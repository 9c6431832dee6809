package dev.stoker.integrations.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stoker's Camel context and its event bus, usable with or without OSGi.
 *
 * <p>Events enter at {@value #EVENTS_URI} as JSON (header {@value #TOPIC_HEADER} holds the topic). The
 * route {@code stoker-events} copies each event into the bounded SEDA queue of every subscriber (one per
 * webhook, one for the broker), so a slow or retrying webhook delays only itself; a full queue drops the
 * event and counts it. Admin route files read {@value #ROUTES_URI}, which is fed only while such a route
 * exists. {@code direct:} allows one consumer only, hence this fan-out instead of one route per
 * subscriber on {@code direct:stoker-events}.
 */
final class StokerCamel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StokerCamel.class);

  /** Where events enter Camel. */
  static final String EVENTS_URI = "direct:stoker-events";
  /** Where admin route files receive every event (many routes may read it). */
  static final String ROUTES_URI = "seda:stoker-events?multipleConsumers=true";
  /** Message header with the event topic. */
  static final String TOPIC_HEADER = "StokerTopic";
  /** Events waiting for admin routes beyond which new ones are dropped. */
  static final int ROUTES_QUEUE_LIMIT = 1000;

  private final DefaultCamelContext context;
  private final ProducerTemplate template;
  private final Map<String, SedaEndpoint> subscribers = new ConcurrentHashMap<>();
  private final Map<String, WebhookRoute> webhooks = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private SedaEndpoint routesEndpoint;

  private StokerCamel(DefaultCamelContext context) {
    this.context = context;
    this.template = context.createProducerTemplate();
  }

  /**
   * Creates and starts the context. Everything here is local (no network), so it is quick.
   *
   * @param classLoader the loader Camel resolves its components, languages and type converters with:
   *     in OSGi the bundle's, whose Bundle-ClassPath holds the embedded Camel jars
   * @param httpTimeoutMillis connect and response timeout of outgoing HTTP calls
   */
  static StokerCamel start(ClassLoader classLoader, long httpTimeoutMillis) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      DefaultCamelContext context = new DefaultCamelContext();
      context.getCamelContextExtension().setName("stoker");
      context.setApplicationContextClassLoader(classLoader);
      context.getShutdownStrategy().setTimeout(10);
      context.getShutdownStrategy().setShutdownNowOnTimeout(true);
      for (String scheme : new String[] {"http", "https"}) {
        HttpComponent http = context.getComponent(scheme, HttpComponent.class);
        http.setConnectTimeout(httpTimeoutMillis);
        http.setResponseTimeout(httpTimeoutMillis);
        http.setConnectionRequestTimeout(httpTimeoutMillis);
      }
      StokerCamel camel = new StokerCamel(context);
      context.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from(EVENTS_URI).routeId("stoker-events").process(camel::fanOut);
        }
      });
      context.start();
      camel.routesEndpoint = context.getEndpoint(ROUTES_URI, SedaEndpoint.class);
      return camel;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  CamelContext context() {
    return context;
  }

  /** Hands one event to the routes; called by the single worker of {@link EventQueue}. */
  void publish(String topic, Map<String, ?> properties) {
    template.sendBodyAndHeader(EVENTS_URI, EventJson.toJson(topic, properties), TOPIC_HEADER, topic);
  }

  private void fanOut(Exchange exchange) {
    Object body = exchange.getMessage().getBody();
    Object topic = exchange.getMessage().getHeader(TOPIC_HEADER);
    subscribers.forEach((id, endpoint) -> offer(id, endpoint, body, topic));
    SedaEndpoint shared = routesEndpoint;
    if (shared != null && !shared.getConsumers().isEmpty()) {
      if (shared.getCurrentQueueSize() >= ROUTES_QUEUE_LIMIT) {
        drop("route files", topic);
      } else {
        offer("route files", shared, body, topic);
      }
    }
  }

  private void offer(String who, SedaEndpoint endpoint, Object body, Object topic) {
    try {
      template.sendBodyAndHeader(endpoint, body, TOPIC_HEADER, topic);
    } catch (RuntimeException e) { // queue full (blockWhenFull=false) or endpoint stopping
      drop(who, topic);
    }
  }

  private void drop(String who, Object topic) {
    long n = dropped.incrementAndGet();
    if (n == 1 || n % 100 == 0) {
      LOG.warn("Event queue of {} is full: dropped {} events so far (latest on {})", who, n, topic);
    }
  }

  /** Events dropped at the fan-out because a subscriber's queue was full. */
  long dropped() {
    return dropped.get();
  }

  /** Adds a subscriber route whose consumer reads {@code sedaUri}, then starts feeding it events. */
  void subscribe(String id, RouteBuilder route, String sedaUri) throws Exception {
    context.addRoutes(route);
    subscribers.put(id, context.getEndpoint(sedaUri, SedaEndpoint.class));
  }

  /** Stops feeding a subscriber and removes its route and queue. */
  void unsubscribe(String id, String routeId) {
    SedaEndpoint endpoint = subscribers.remove(id);
    try {
      context.getRouteController().stopRoute(routeId);
      context.removeRoute(routeId);
      if (endpoint != null) {
        context.removeEndpoint(endpoint);
      }
    } catch (Exception e) {
      LOG.warn("Could not remove route {}: {}", routeId, e.getMessage());
    }
  }

  /** Adds the route of one webhook; events flow to it from now on. */
  WebhookRoute addWebhook(WebhookSpec spec) throws Exception {
    WebhookRoute route = new WebhookRoute(spec);
    removeWebhook(spec.id());
    subscribe("webhook " + spec.id(), route, route.queueUri());
    webhooks.put(spec.id(), route);
    LOG.info("Webhook {} added: {} for topics {}{}", spec.id(), spec.url(), spec.topics(),
        spec.secret() == null ? "" : ", signed");
    return route;
  }

  void removeWebhook(String id) {
    WebhookRoute route = webhooks.remove(id);
    if (route != null) {
      unsubscribe("webhook " + id, route.routeId());
      LOG.info("Webhook {} removed", id);
    }
  }

  /** Adds the route of one e-mail notification; events flow to it from now on. */
  EmailRoute addEmail(EmailSpec spec) throws Exception {
    EmailRoute route = new EmailRoute(spec);
    subscribe(route.routeId(), route, route.queueUri());
    LOG.info("E-mail notification {} added: {} via {}:{} for topics {}", spec.id(), spec.to(), spec.host(),
        spec.port(), spec.topics());
    return route;
  }

  void removeEmail(EmailRoute route) {
    unsubscribe(route.routeId(), route.routeId());
  }

  @Override
  public void close() {
    subscribers.clear();
    try {
      template.close();
    } catch (Exception e) {
      LOG.debug("Closing the producer template failed", e);
    }
    context.stop();
  }
}
