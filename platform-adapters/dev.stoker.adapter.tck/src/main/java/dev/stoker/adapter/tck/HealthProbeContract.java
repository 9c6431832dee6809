package dev.stoker.adapter.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.HealthProbe;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health probe contract: a probe never throws, whatever answers (or does not answer) at the address;
 * network trouble is {@link Readiness#STARTING}; an answer the probe does not understand is never
 * {@link Readiness#READY}; and a probe returns within {@link #probeTimeLimit()} even when the peer stays
 * silent. The readiness of a real gateway is checked by {@link GatewayClientContract}.
 *
 * <p>Skipped unless the adapter declares {@link Capability#RUNTIME}. Fixtures: {@link #adapter()},
 * optionally {@link #probe()} and {@link #probeTimeLimit()}.
 */
public abstract class HealthProbeContract extends AdapterContract {

  private final List<AutoCloseable> peers = new ArrayList<>();

  /** @return the probe under test; by default the one of the newest line's profile */
  protected HealthProbe probe() {
    return adapter().runtimeProfile(validSpec(newestVersion())).probe();
  }

  /** @return how long one probe of a silent peer may take (the adapter's probe timeout and some slack) */
  protected Duration probeTimeLimit() {
    return Duration.ofSeconds(30);
  }

  @BeforeEach
  void requireRuntime() {
    assumeCapability(Capability.RUNTIME);
  }

  @AfterEach
  void closePeers() throws Exception {
    for (AutoCloseable peer : peers) {
      peer.close();
    }
  }

  @Test
  void aClosedPortIsStarting() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertEquals(Readiness.STARTING, probeOf(URI.create("http://127.0.0.1:" + port + "/")).readiness());
  }

  @Test
  void anUnresolvableHostIsStarting() {
    assertEquals(Readiness.STARTING, probeOf(URI.create("http://tck-no-such-host.invalid:8080")).readiness());
  }

  @Test
  void garbageWithStatus200IsNotReady() throws IOException {
    byte[] garbage = new byte[2048];
    new Random(11).nextBytes(garbage);
    assertNotEquals(Readiness.READY, probeOf(httpPeer(200, "application/json", garbage)).readiness());
  }

  @Test
  void aServerErrorIsNotReady() throws IOException {
    byte[] page = "<html><body>Internal Server Error</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertNotEquals(Readiness.READY, probeOf(httpPeer(500, "text/html", page)).readiness());
  }

  @Test
  void aHugeAnswerIsNotReady() throws IOException {
    byte[] huge = new byte[8 << 20];
    java.util.Arrays.fill(huge, (byte) '[');
    assertNotEquals(Readiness.READY, probeOf(httpPeer(200, "application/json", huge)).readiness());
  }

  @Test
  void aPeerSpeakingNoHttpIsNotReady() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    peers.add(server);
    Thread t = new Thread(() -> {
      byte[] noise = new byte[512];
      new Random(7).nextBytes(noise);
      while (!server.isClosed()) {
        try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
          out.write(noise);
        } catch (IOException closed) {
          return;
        }
      }
    }, "tck-noise-peer");
    t.setDaemon(true);
    t.start();
    assertNotEquals(Readiness.READY, probeOf(URI.create("http://127.0.0.1:" + server.getLocalPort())).readiness());
  }

  @Test
  void aSilentPeerIsNotReadyWithinTheTimeLimit() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    peers.add(server);
    List<Socket> held = new ArrayList<>();
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          synchronized (held) {
            held.add(s); // accepted, never answered
          }
        } catch (IOException closed) {
          return;
        }
      }
    }, "tck-silent-peer");
    t.setDaemon(true);
    t.start();
    peers.add(() -> {
      synchronized (held) {
        for (Socket s : held) {
          s.close();
        }
      }
    });
    URI base = URI.create("http://127.0.0.1:" + server.getLocalPort());
    ProbeResult result = assertTimeoutPreemptively(probeTimeLimit(), () -> probeOf(base));
    assertNotEquals(Readiness.READY, result.readiness());
  }

  /** Probes once; a probe that throws fails the contract. */
  private ProbeResult probeOf(URI base) {
    HealthProbe probe = probe();
    assertNotNull(probe, "probe");
    ProbeResult result;
    try {
      result = probe.probe(base);
    } catch (RuntimeException e) {
      throw new AssertionError("the probe threw for " + base + " instead of reporting", e);
    }
    assertNotNull(result, () -> "no result for " + base);
    assertNotNull(result.readiness(), () -> "no readiness for " + base);
    return result;
  }

  /** An HTTP server answering every path with the same status and body. */
  private URI httpPeer(int status, String type, byte[] body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    peers.add(() -> server.stop(0));
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }
}
