package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import javax.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

/** Security issue class 11: long streams are bounded per user and in time. */
class StreamsTest {
  @Test
  void aUserHoldsAtMostTheLimitAndClosingGivesThePlaceBack() {
    Streams streams = new Streams();
    streams.configure(2, Duration.ofMinutes(1));
    Streams.Permit a = streams.open("erin");
    Streams.Permit b = streams.open("erin");
    WebApplicationException third = assertThrows(WebApplicationException.class, () -> streams.open("erin"));
    assertEquals(429, third.getResponse().getStatus());
    assertEquals("10", third.getResponse().getHeaderString("Retry-After"));
    assertEquals(2, streams.held("erin"), "a refused stream holds nothing");
    streams.open("lee").close(); // others are not affected
    a.close();
    a.close(); // idempotent
    assertEquals(1, streams.held("erin"));
    streams.open("erin").close();
    b.close();
    assertEquals(0, streams.held("erin"));
  }

  @Test
  void aFollowedLogEndsAfterTheLongestTime() throws Exception {
    java.io.PipedOutputStream gateway = new java.io.PipedOutputStream();
    java.io.PipedInputStream log = new java.io.PipedInputStream(gateway);
    java.io.ByteArrayOutputStream client = new java.io.ByteArrayOutputStream();
    gateway.write("booting\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    gateway.flush();
    long start = System.nanoTime();
    LogEvents.pump(log, client, Duration.ZERO); // returns: the log itself never ends
    String sent = client.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(true, sent.contains("event: end"), sent);
    assertEquals(true, sent.contains("longest time"), sent);
    assertEquals(true, Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "ended on its own");
  }
}
