package dev.stoker.telemetry.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-node VictoriaMetrics (Debian's {@code victoria-metrics}, see
 * {@code scripts/ensure-victoria-metrics.sh}) on a free 127.0.0.1 port with a temporary data folder,
 * started by the test and stopped after it.
 */
final class VictoriaMetricsServer implements AutoCloseable {
  private final Process process;
  private final Path data;
  private final Path log;
  final URI url;

  private VictoriaMetricsServer(Process process, Path data, Path log, URI url) {
    this.process = process;
    this.data = data;
    this.log = log;
    this.url = url;
  }

  /** Starts a server; skips the test when the binary is missing ({@code STOKER_TEST_VM_BIN} or the package's). */
  static VictoriaMetricsServer start() throws IOException {
    Path bin = Path.of(System.getenv().getOrDefault("STOKER_TEST_VM_BIN", "/usr/bin/victoria-metrics"));
    Assumptions.assumeTrue(Files.isExecutable(bin),
        bin + " missing: run scripts/ensure-victoria-metrics.sh; VictoriaMetrics tests skipped");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path data = Files.createTempDirectory("stoker-vm");
    Path log = Files.createTempFile("stoker-vm", ".log");
    Process p = new ProcessBuilder(bin.toString(), "-httpListenAddr=127.0.0.1:" + port,
        "-storageDataPath=" + data.resolve("storage"), "-retentionPeriod=1y", "-loggerLevel=WARN")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    VictoriaMetricsServer server = new VictoriaMetricsServer(p, data, log, URI.create("http://127.0.0.1:" + port));
    HttpClient http = HttpClient.newHttpClient();
    try {
      await("VictoriaMetrics on port " + port).atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> process(p) && http.send(HttpRequest.newBuilder(server.url.resolve("/health")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    } catch (RuntimeException e) {
      String out = Files.readString(log);
      server.close();
      throw new IllegalStateException("VictoriaMetrics did not start: " + out, e);
    }
    return server;
  }

  private static boolean process(Process p) {
    if (!p.isAlive()) {
      throw new IllegalStateException("VictoriaMetrics exited with " + p.exitValue());
    }
    return true;
  }

  /** Makes what was written searchable now (VictoriaMetrics buffers for about a second). */
  void flush() throws Exception {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/internal/force_flush")).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    Files.deleteIfExists(log);
  }
}
