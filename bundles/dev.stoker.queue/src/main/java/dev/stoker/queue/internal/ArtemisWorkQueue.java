package dev.stoker.queue.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.queue.WorkQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WorkQueue} on an Artemis durable anycast queue, through the core client. Each consumer thread has
 * its own session (sessions are single-threaded) and acknowledges an item only after its handler returns;
 * acknowledgements are not batched, so a crash loses no acknowledged item and redelivers every other one.
 * The broker may start after this component: every connection is retried until {@link #close()}.
 */
final class ArtemisWorkQueue implements WorkQueue {
  private static final Logger LOG = LoggerFactory.getLogger(ArtemisWorkQueue.class);
  private static final long RETRY_MS = 2000;

  private final String url;
  private final SimpleString queue;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Thread> workers = new ArrayList<>();
  private ServerLocator locator;
  private ClientSessionFactory producerFactory;
  private ClientSession producerSession;
  private ClientProducer producer;

  ArtemisWorkQueue(String url, String queue) {
    this.url = url;
    this.queue = SimpleString.of(queue);
  }

  private synchronized ServerLocator locator() throws Exception {
    if (locator == null) {
      locator = ActiveMQClient.createServerLocator(url);
      locator.setAckBatchSize(0);
      locator.setConsumerWindowSize(0); // no prefetch: a long job must not hold items other workers could take
      locator.setBlockOnDurableSend(true);
      locator.setReconnectAttempts(-1);
      locator.setRetryInterval(1000);
    }
    return locator;
  }

  private void ensureQueue(ClientSession session) throws ActiveMQException {
    if (!session.queueQuery(queue).isExists()) {
      try {
        session.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
      } catch (ActiveMQException e) {
        if (!session.queueQuery(queue).isExists()) {
          throw e; // not the "another node created it meanwhile" race
        }
      }
    }
  }

  @Override
  public synchronized void send(String item) {
    if (closed.get()) {
      throw new UnavailableException("work queue closed");
    }
    try {
      if (producer == null || producerSession.isClosed()) {
        producerFactory = locator().createSessionFactory();
        producerSession = producerFactory.createSession(true, true);
        ensureQueue(producerSession);
        producer = producerSession.createProducer(queue);
      }
      ClientMessage message = producerSession.createMessage(true);
      message.getBodyBuffer().writeString(item);
      producer.send(message);
    } catch (Exception e) {
      closeProducer();
      throw new UnavailableException("the work queue (Artemis at " + url + ") is not available: " + e.getMessage(), e);
    }
  }

  private void closeProducer() {
    try {
      if (producerSession != null) {
        producerSession.close();
      }
      if (producerFactory != null) {
        producerFactory.close();
      }
    } catch (ActiveMQException e) {
      LOG.debug("closing producer", e);
    }
    producer = null;
    producerSession = null;
    producerFactory = null;
  }

  @Override
  public void consume(int count, Consumer<String> handler) {
    for (int i = 0; i < count; i++) {
      Thread t = new Thread(() -> loop(handler), "stoker-queue-" + queue + "-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  private void loop(Consumer<String> handler) {
    while (!closed.get()) {
      try (ClientSessionFactory factory = locator().createSessionFactory();
          ClientSession session = factory.createSession(true, true)) {
        ensureQueue(session);
        ClientConsumer consumer = session.createConsumer(queue);
        session.start();
        while (!closed.get()) {
          ClientMessage message = consumer.receive(500);
          if (message == null) {
            continue;
          }
          String item = message.getBodyBuffer().readString();
          try {
            handler.accept(item);
          } catch (RuntimeException e) {
            LOG.error("Work item {} of {} failed; it is acknowledged (its handler records its own failures)", item, queue, e);
          }
          message.acknowledge();
        }
      } catch (Exception e) {
        if (!closed.get()) {
          LOG.warn("Work queue at {} unavailable, retrying: {}", url, e.getMessage());
          sleep();
        }
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(RETRY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed.set(true);
    }
  }

  @Override
  public void close() {
    closed.set(true);
    for (Thread t : workers) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      closeProducer();
      if (locator != null) {
        locator.close();
      }
    }
  }
}
