package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe against a tiny server answering each StatusPing shape. */
class IgnitionHealthProbeTest {

  private final IgnitionHealthProbe probe = new IgnitionHealthProbe(Duration.ofMillis(500));
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/StatusPing", exchange -> {
      if (body.get() == null) {
        // Hang to simulate a gateway that accepts but does not answer.
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] bytes = String.valueOf(body.get()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    // No trailing slash: the probe must add it.
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private ProbeResult answer(String json) {
    body.set(json);
    return probe.probe(base);
  }

  @Test
  void plainRunningIsReady() {
    assertEquals(Readiness.READY, answer("{\"state\":\"RUNNING\"}").readiness());
  }

  @Test
  void runningWhileCommissioningIsNeverReady() {
    ProbeResult r = answer("{\"state\":\"RUNNING\",\"details\":\"COMMISSIONING\"}");
    assertEquals(Readiness.COMMISSIONING, r.readiness());
    assertTrue(r.detail().contains("commissioning"), r.detail());
  }

  @Test
  void runningWithUnknownDetailsIsNotReady() {
    assertEquals(Readiness.STARTING, answer("{\"state\":\"RUNNING\",\"details\":\"SOMETHING\"}").readiness());
  }

  @Test
  void startingAndFaulted() {
    assertEquals(Readiness.STARTING, answer("{\"state\":\"STARTING\"}").readiness());
    ProbeResult faulted = answer("{\"state\":\"FAULTED\",\"details\":\"disk full\"}");
    assertEquals(Readiness.FAULTED, faulted.readiness());
    assertEquals("FAULTED: disk full", faulted.detail());
  }

  @Test
  void unparseableIsStartingWithTheAnswerInTheDetail() {
    ProbeResult r = answer("<html>Jetty starting</html>");
    assertEquals(Readiness.STARTING, r.readiness());
    assertTrue(r.detail().contains("Jetty starting"), r.detail());
    assertEquals(Readiness.STARTING, answer("[]").readiness());
  }

  @Test
  void anErrorStatusIsStarting() {
    status.set(503);
    ProbeResult r = answer("{\"state\":\"RUNNING\"}");
    assertEquals(Readiness.STARTING, r.readiness());
    assertTrue(r.detail().contains("503"), r.detail());
  }

  @Test
  void aClosedPortIsStarting() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ProbeResult r = probe.probe(URI.create("http://127.0.0.1:" + port + "/"));
    assertEquals(Readiness.STARTING, r.readiness());
    assertTrue(r.detail().startsWith("not answering"), r.detail());
  }

  @Test
  void aSilentGatewayTimesOutAsStarting() {
    long t0 = System.nanoTime();
    ProbeResult r = answer(null);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(Readiness.STARTING, r.readiness());
    assertTrue(r.detail().contains("500 ms"), r.detail());
    assertTrue(ms < 4000, "probe waited " + ms + " ms");
  }

  @Test
  void neverThrowsForBadInput() {
    assertEquals(Readiness.STARTING, probe.probe(null).readiness());
    assertEquals(Readiness.STARTING, probe.probe(URI.create("nohost")).readiness());
  }
}
