package dev.stoker.integrations.internal;

import dev.stoker.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events to an Artemis multicast address through camel-sjms, with a broker that starts late. */
class BrokerPublisherTest {
  private StokerCamel camel;
  private EmbeddedActiveMQ broker;
  private Thread pollThread;
  private BrokerPublisher publisher;

  @BeforeEach
  void start() throws Exception {
    camel = StokerCamel.start(getClass().getClassLoader(), 5000);
  }

  @AfterEach
  void stop() throws Exception {
    if (publisher != null) {
      publisher.stop();
      pollThread.interrupt();
      pollThread.join(5000);
    }
    camel.close();
    if (publisher != null) {
      publisher.close();
    }
    if (broker != null) {
      broker.stop();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static EmbeddedActiveMQ broker(int port) throws Exception {
    ConfigurationImpl config = new ConfigurationImpl();
    config.setPersistenceEnabled(false);
    config.setSecurityEnabled(false);
    config.addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port + "?protocols=CORE");
    EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
    embedded.setConfiguration(config);
    return embedded.start();
  }

  @Test
  void publishesEventsOnceTheBrokerAnswers() throws Exception {
    int port = freePort();
    String url = "tcp://127.0.0.1:" + port;
    publisher = new BrokerPublisher(camel, url, "", null, "stoker.events", 100);
    pollThread = new Thread(publisher, "test-broker-poll");
    pollThread.start();

    // no broker yet: the publisher keeps polling and adds no route
    Await.until("a few polls", 5000, () -> pollThread.getState() == Thread.State.TIMED_WAITING);
    assertFalse(publisher.connected());
    assertEquals(null, camel.context().getRoute(BrokerPublisher.ROUTE_ID));

    broker = broker(port);
    Await.until("publisher connected", 15_000, publisher::connected);
    assertNotNull(camel.context().getRoute(BrokerPublisher.ROUTE_ID));

    try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
        Connection c = cf.createConnection()) {
      Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createTopic("stoker.events"));
      c.start();

      camel.publish("dev/stoker/audit", Map.of("actor", "alice", "action", "login"));

      TextMessage m = (TextMessage) consumer.receive(10_000);
      assertNotNull(m, "no event on the stoker.events topic");
      assertEquals("dev/stoker/audit", m.getStringProperty(StokerCamel.TOPIC_HEADER));
      assertTrue(m.getText().contains("\"actor\":\"alice\""), m.getText());
    }
  }
}
