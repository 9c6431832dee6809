package dev.stoker.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Gateway console lines as the wrapper and Ignition's logback pattern print them, and lines of other shapes. */
class GatewayLogLinesTest {
  private static final Instant READ = Instant.parse("2026-12-06T02:00:00Z");

  @Test
  void wrapperAndLogbackWithThread() {
    GatewayLogLines.Line l = GatewayLogLines.parse("INFO   | jvm 1    | 2026/12/06 01:02:03 | W [ModuleManager"
        + "                 ] [01:02:03.456] [main]: Module quarantined: x ", ZoneOffset.UTC, READ);
    assertEquals(Instant.parse("2026-12-06T01:02:03.456Z"), l.time());
    assertEquals("warn", l.level());
    assertEquals("ModuleManager", l.logger());
    assertEquals("Module quarantined: x", l.message());
  }

  @Test
  void olderPatternWithoutThreadOrMillisAndAZone() {
    GatewayLogLines.Line l = GatewayLogLines.parse("jvm 1    | 2026/12/06 03:02:03 | E [o.e.j.u.log       ] "
        + "[03:02:03]: Boom", ZoneOffset.ofHours(2), READ);
    assertEquals(Instant.parse("2026-12-06T01:02:03Z"), l.time());
    assertEquals("error", l.level());
    assertEquals("o.e.j.u.log", l.logger());
    assertEquals("Boom", l.message());
  }

  @Test
  void otherShapesAreKeptWhole() {
    GatewayLogLines.Line trace = GatewayLogLines.parse("INFO   | jvm 1    | 2026/12/06 01:02:03 | \tat com.x.Y.z(Y.java:1)",
        ZoneOffset.UTC, READ);
    assertEquals("info", trace.level());
    assertEquals("at com.x.Y.z(Y.java:1)".length(), trace.message().strip().length());
    assertEquals(Instant.parse("2026-12-06T01:02:03Z"), trace.time());
    GatewayLogLines.Line bare = GatewayLogLines.parse("--> Wrapper Started as Console", ZoneOffset.UTC, READ);
    assertEquals(READ, bare.time());
    assertEquals("--> Wrapper Started as Console", bare.message());
    assertEquals(GatewayLogLines.MAX_MESSAGE, GatewayLogLines.parse("x".repeat(5000), ZoneOffset.UTC, READ)
        .message().length());
  }
}
