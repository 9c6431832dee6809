package dev.stoker.queue.testing;

import dev.stoker.api.queue.WorkQueues;
import dev.stoker.queue.internal.ArtemisWorkQueues;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A real Artemis broker for tests: persistent (its journal in {@code dir}, so it can be stopped and started
 * again with the queued items kept), security off, listening on a free loopback port.
 */
public final class TestBroker implements AutoCloseable {
  private final Path dir;
  private final String url;
  private EmbeddedActiveMQ broker;

  private TestBroker(Path dir, String url) {
    this.dir = dir;
    this.url = url;
  }

  /** Starts a broker whose journal lives under {@code dir}. */
  public static TestBroker start(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TestBroker b = new TestBroker(dir, "tcp://127.0.0.1:" + port);
    b.startAgain();
    return b;
  }

  /** Starts the broker (again, after {@link #close()}), on the same port and journal. */
  public void startAgain() throws Exception {
    ConfigurationImpl config = new ConfigurationImpl();
    config.setPersistenceEnabled(true);
    config.setJournalDirectory(dir.resolve("journal").toString());
    config.setBindingsDirectory(dir.resolve("bindings").toString());
    config.setLargeMessagesDirectory(dir.resolve("large").toString());
    config.setPagingDirectory(dir.resolve("paging").toString());
    config.setSecurityEnabled(false);
    config.addAcceptorConfiguration("tcp", url);
    broker = new EmbeddedActiveMQ().setConfiguration(config);
    broker.start();
  }

  /** @return the core URL, e.g. {@code tcp://127.0.0.1:40123} */
  public String url() {
    return url;
  }

  /** @return the work queues service on this broker, as the bundle provides it */
  public WorkQueues queues() {
    return new ArtemisWorkQueues(url);
  }

  @Override
  public void close() throws Exception {
    if (broker != null) {
      broker.stop();
      broker = null;
    }
  }
}
