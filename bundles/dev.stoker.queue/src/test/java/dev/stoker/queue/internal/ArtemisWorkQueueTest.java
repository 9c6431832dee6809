package dev.stoker.queue.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.queue.WorkQueue;
import dev.stoker.api.queue.WorkQueues;
import dev.stoker.queue.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtemisWorkQueueTest {
  @TempDir
  Path dir;
  TestBroker broker;
  WorkQueues queues;

  @BeforeEach
  void start() throws Exception {
    broker = TestBroker.start(dir);
    queues = broker.queues();
  }

  @AfterEach
  void stop() throws Exception {
    broker.close();
  }

  @Test
  void deliversEachItemOnceToOneOfTheWorkers() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (WorkQueue q = queues.open("test.once")) {
      q.consume(3, seen::add);
      for (int i = 0; i < 20; i++) {
        q.send("item-" + i);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 20);
    }
    assertEquals(20, seen.stream().distinct().count(), "each item once: " + seen);
    assertEquals(20, seen.size());
  }

  @Test
  void anItemWhoseHandlerNeverReturnedIsDeliveredAgainAfterARestart() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    WorkQueue first = queues.open("test.crash");
    first.consume(1, item -> {
      inHandler.countDown();
      throw new Crash(); // an Error ends the worker without acknowledging, as a kill would
    });
    first.send("deploy-42");
    assertEquals(true, inHandler.await(20, TimeUnit.SECONDS));
    first.close();
    broker.close(); // the broker goes down too (a whole-machine stop); the journal keeps the item
    broker.startAgain();

    List<String> seen = new CopyOnWriteArrayList<>();
    try (WorkQueue second = queues.open("test.crash")) {
      second.consume(1, seen::add);
      await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("deploy-42"));
    }
  }

  @Test
  void aFailingHandlerIsAcknowledgedAndTheQueueGoesOn() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (WorkQueue q = queues.open("test.fail")) {
      q.consume(1, item -> {
        seen.add(item);
        if (item.equals("bad")) {
          throw new IllegalStateException("the handler records its own failure");
        }
      });
      q.send("bad");
      q.send("good");
      await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("good"));
    }
    assertEquals(List.of("bad", "good"), seen, "the failed item is not delivered again");
  }

  @Test
  void sendWithoutABrokerIsUnavailable() throws Exception {
    broker.close();
    try (WorkQueue q = queues.open("test.down")) {
      assertThrows(UnavailableException.class, () -> q.send("x"));
    }
  }

  @Test
  void refusesBadNames() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> queues.open("Bad Name"));
    assertEquals(true, e.getMessage().startsWith("name:"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> queues.open(null));
    assertThrows(InvalidInputException.class, () -> queues.open("../x"));
  }

  private static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }
}
