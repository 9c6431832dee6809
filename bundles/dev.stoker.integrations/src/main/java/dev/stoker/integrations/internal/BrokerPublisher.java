package dev.stoker.integrations.internal;

import jakarta.jms.Connection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sjms.SjmsComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every event to an Artemis multicast address (a JMS topic) through camel-sjms, so other
 * Stoker nodes and outside consumers can follow the event stream.
 *
 * <p>The broker may start after this bundle, or not at all: {@link #run} polls from its own thread until
 * a connection succeeds and only then adds the route. Kept in its own class because it is the only code
 * that touches the Artemis client (and through it Netty, an optional import).
 */
final class BrokerPublisher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerPublisher.class);
  static final String ROUTE_ID = "stoker-broker";
  static final String QUEUE_URI = "seda:stoker-broker?size=1000&blockWhenFull=false";

  private final StokerCamel camel;
  private final String url;
  private final String user;
  private final String password;
  private final String address;
  private final long pollMillis;
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile ActiveMQConnectionFactory factory;

  BrokerPublisher(StokerCamel camel, String url, String user, String password, String address, long pollMillis) {
    this.camel = camel;
    this.url = url;
    this.user = user;
    this.password = password;
    this.address = address;
    this.pollMillis = Math.max(100, pollMillis);
  }

  boolean connected() {
    return connected;
  }

  /** Stops polling; call before stopping the Camel context. */
  void stop() {
    running = false;
  }

  /** Releases the client's threads and connections; call after the Camel context stopped. */
  void close() {
    ActiveMQConnectionFactory f = factory;
    if (f != null) {
      f.close();
    }
  }

  @Override
  public void run() {
    factory = new ActiveMQConnectionFactory(url, emptyToNull(user), emptyToNull(password));
    String lastProblem = null;
    try {
      while (running) {
        try (Connection c = factory.createConnection()) {
          c.start();
          addRoute(factory);
          connected = true;
          LOG.info("Publishing events to Artemis address {} at {}", address, url);
          return;
        } catch (Exception e) {
          String problem = String.valueOf(e.getMessage());
          if (!problem.equals(lastProblem)) {
            LOG.info("Artemis at {} not reachable yet ({}); retrying every {} ms", url, problem, pollMillis);
            lastProblem = problem;
          }
        }
        Thread.sleep(pollMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void addRoute(ActiveMQConnectionFactory factory) throws Exception {
    if (camel.context().hasComponent("stoker-jms") == null) {
      SjmsComponent sjms = new SjmsComponent();
      sjms.setConnectionFactory(factory);
      camel.context().addComponent("stoker-jms", sjms);
    }
    camel.subscribe("broker", new RouteBuilder() {
      @Override
      public void configure() {
        errorHandler(defaultErrorHandler().allowRedeliveryWhileStopping(false));
        onException(Exception.class)
            .handled(true)
            .maximumRedeliveries(2)
            .redeliveryDelay(1000)
            .retryAttemptedLogLevel(LoggingLevel.DEBUG)
            .log(LoggingLevel.WARN, LOG, "Event not published to Artemis: ${exception.message}");
        from(QUEUE_URI).routeId(ROUTE_ID)
            .removeHeaders("*", StokerCamel.TOPIC_HEADER)
            .to("stoker-jms:topic:" + address);
      }
    }, QUEUE_URI);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
