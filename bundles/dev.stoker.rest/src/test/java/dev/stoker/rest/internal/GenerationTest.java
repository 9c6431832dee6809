package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.servlet.ServletConfig;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import org.junit.jupiter.api.Test;

/** The servlet swaps endpoints at once; a replaced one is torn down when its last request ends. */
class GenerationTest {
  /** Records what happens to one generation's parts. */
  static final class Parts implements Generation.Parts {
    final List<String> log = new ArrayList<>();
    volatile CountDownLatch hold;
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public synchronized void init(ServletConfig config) {
      log.add("init");
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) {
      synchronized (this) {
        log.add("service");
      }
      entered.countDown();
      if (hold != null) {
        try {
          hold.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public synchronized void close() {
      log.add("close");
    }

    synchronized List<String> log() {
      return List.copyOf(log);
    }
  }

  @Test
  void aPublishedGenerationServesAndTheOldOneIsClosed() throws Exception {
    ApiServlet servlet = new ApiServlet();
    Parts first = new Parts();
    Parts second = new Parts();
    servlet.publish(new Generation(first, Set.of()));
    servlet.service(null, null);
    servlet.publish(new Generation(second, Set.of()));
    servlet.service(null, null);
    assertEquals(List.of("service", "close"), first.log(), "never initialised: the servlet was not yet");
    assertEquals(List.of("service"), second.log());
  }

  @Test
  void aReplacedGenerationFinishesItsRunningRequestsFirst() throws Exception {
    ApiServlet servlet = new ApiServlet();
    Parts first = new Parts();
    first.hold = new CountDownLatch(1);
    Generation old = new Generation(first, Set.of());
    servlet.publish(old);
    Thread stream = new Thread(() -> {
      try {
        servlet.service(null, null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    stream.start();
    assertTrue(first.entered.await(5, TimeUnit.SECONDS));
    Parts second = new Parts();
    servlet.publish(new Generation(second, Set.of()));
    assertFalse(old.destroyed(), "a stream still runs on it");
    servlet.service(null, null);
    assertEquals(List.of("service"), second.log(), "new requests go to the new generation");
    first.hold.countDown();
    stream.join(5_000);
    assertTrue(old.destroyed());
    assertEquals(List.of("service", "close"), first.log());
  }

  @Test
  void aRetiredGenerationTakesNoRequestAndClosesOnce() {
    Parts parts = new Parts();
    Generation g = new Generation(parts, Set.of(HealthResource.class));
    assertEquals(Set.of(HealthResource.class), g.routes());
    assertTrue(g.enter());
    g.retire();
    assertFalse(g.enter());
    g.exit();
    g.destroy();
    assertEquals(List.of("close"), parts.log());
  }
}
