package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.LogEntry;
import dev.stoker.api.telemetry.LogService;
import dev.stoker.testing.Fakes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The log search parameters and the live tail's event stream. */
class LogResourceTest {
  private static final LogEntry LINE = new LogEntry("l1", "e1", "dev", Instant.parse("2026-12-06T01:02:03.456Z"),
      "warn", "ModuleManager", "Module quarantined");

  @Test
  void searchPassesTheFiltersOnAndRefusesABadTime() {
    AtomicReference<Object[]> asked = new AtomicReference<>();
    LogService service = Fakes.of(LogService.class, Map.of("search", a -> {
      asked.set(a);
      return new Page<>(List.of(LINE), 0, 50, 1);
    }));
    LogResource resource = new LogResource(service);
    Page<LogEntry> page = resource.search("quarantined", "e1", "warn", "2026-12-06T00:00:00Z", 0, 50);
    assertEquals(List.of(LINE), page.items());
    assertEquals("quarantined", asked.get()[0]);
    assertEquals(Instant.parse("2026-12-06T00:00:00Z"), asked.get()[3]);
    assertEquals(new PageRequest(0, 50), asked.get()[4]);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> resource.search(null, null, null, "yesterday", null, null));
    assertEquals("since", e.getMessage().substring(0, 5));
    assertThrows(ProblemException.class, () -> resource.search(null, null, null, null, 0, 501));
  }

  @Test
  void bothEndpointsAreForViewers() throws Exception {
    for (String name : List.of("search", "tail")) {
      java.lang.reflect.Method m = java.util.Arrays.stream(LogResource.class.getMethods())
          .filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
      assertEquals(Role.VIEWER, m.getAnnotation(Allow.class).value());
    }
  }

  @Test
  void tailWritesLinesAsJsonEventsSaysWhatWasDroppedAndEnds() throws Exception {
    BlockingQueue<LogEntry> lines = new ArrayBlockingQueue<>(4);
    lines.add(LINE);
    AtomicLong dropped = new AtomicLong(3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogResource.pump(lines, dropped, out, System.currentTimeMillis() + 300);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith(": following\n\n"), text);
    assertTrue(text.contains("event: dropped\ndata: {\"lines\":3}\n\n"), text);
    assertTrue(text.contains("event: log\ndata: {\"id\":\"l1\",\"environment\":\"e1\",\"stage\":\"dev\","
        + "\"time\":\"2026-12-06T01:02:03.456Z\",\"level\":\"warn\",\"logger\":\"ModuleManager\","
        + "\"message\":\"Module quarantined\"}\n\n"), text);
    assertTrue(text.endsWith("event: end\ndata: {\"reason\":\"the stream reached its longest time; reconnect to go "
        + "on\"}\n\n"), text);
  }
}
