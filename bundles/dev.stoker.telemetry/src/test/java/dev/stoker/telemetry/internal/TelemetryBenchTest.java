package dev.stoker.telemetry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.HealthProbe;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.Fakes;
import dev.stoker.testing.OsgiConfigs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark behind {@code bench/telemetry.sh}: the telemetry service as it runs in Stoker (poller, board,
 * exposition, sample writer, the embedded store on H2) polling in-process gateway stubs over real HTTP on
 * 127.0.0.1 (one JDK HTTP server answering {@code /StatusPing} and {@code /data/api/v1/overview} the way an
 * Ignition 8.3 gateway does, a path prefix per gateway), every {@code stoker.bench.interval} seconds. For each
 * fleet size it prints the CPU the process spent per round, the gateways one core can poll at that interval, and
 * the resident memory grown per 100 gateways. Figures only: it asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "stoker.bench", matches = "true", disabledReason = "benchmark: bench/telemetry.sh")
class TelemetryBenchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OVERVIEW = "{\"memory\":{\"used\":123456789,\"committed\":234567890,\"max\":536870912},"
      + "\"cpu\":{\"usage\":0.12,\"systemUsage\":0.3,\"processors\":4},\"threads\":{\"count\":87},"
      + "\"uptimeMs\":3600000}";

  @Test
  void pollsAFleetOfStubGateways() throws Exception {
    int interval = Integer.getInteger("stoker.bench.interval", 10);
    int rounds = Integer.getInteger("stoker.bench.rounds", 2);
    int threads = Integer.getInteger("stoker.bench.threads", 32);
    List<Integer> sizes = java.util.Arrays.stream(System.getProperty("stoker.bench.gateways", "250 500 1000")
        .trim().split("\\s+")).map(Integer::valueOf).toList();
    AtomicLong answered = new AtomicLong();
    HttpServer stubs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    stubs.setExecutor(Executors.newFixedThreadPool(8));
    stubs.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = (path.endsWith("/StatusPing") ? "{\"state\":\"RUNNING\"}" : OVERVIEW)
          .getBytes(StandardCharsets.UTF_8);
      answered.incrementAndGet();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    stubs.start();
    String base = "http://127.0.0.1:" + stubs.getAddress().getPort();
    List<Environment> fleet = new ArrayList<>();
    JpaMetricsStore store = new JpaMetricsStore(Standalone.open(TestDatabases.h2()), Clock.systemUTC(),
        Duration.ofHours(1), Duration.ofDays(1));
    TelemetryServiceImpl service = new TelemetryServiceImpl(environments(fleet), adapter(), OsgiConfigs.of(
        TelemetryConfig.class, Map.of("pollIntervalSeconds", interval,
        "pollThreads", threads)), Clock.systemUTC());
    service.store = store;
    service.writer().start(1000);
    service.poller().start();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("telemetry bench: stub gateways over HTTP on 127.0.0.1, poll interval %d s, %d rounds per "
        + "size, %d cores, pollThreads %d%n", interval, rounds, cores, threads);
    try {
      Thread.sleep(interval * 1000L); // warm-up with no gateway
      long rss0 = rssKb();
      System.out.printf("  %6s %12s %14s %14s %18s %14s%n", "gws", "polls/round", "cpu s/round", "gws/core@" + interval
          + "s", "rss MB", "rss KB/100 gws");
      for (int size : sizes) {
        while (fleet.size() < size) {
          fleet.add(environment("g" + fleet.size(), URI.create(base + "/g" + fleet.size())));
        }
        Thread.sleep(interval * 1000L); // one round to settle at this size
        long polls0 = answered.get();
        long cpu0 = cpuNanos();
        Thread.sleep((long) rounds * interval * 1000L);
        double cpuPerRound = (cpuNanos() - cpu0) / 1e9 / rounds;
        double pollsPerRound = (answered.get() - polls0) / 2.0 / rounds; // probe + overview per poll
        System.gc();
        long rss = rssKb();
        // one core gives `interval` CPU seconds per round; each gateway costs cpuPerRound / size of them
        double perCore = cpuPerRound <= 0 ? Double.POSITIVE_INFINITY : size * interval / cpuPerRound;
        System.out.printf("  %6d %12.0f %14.3f %14.0f %18.1f %14.0f%n", size, pollsPerRound, cpuPerRound,
            perCore, rss / 1024.0, (rss - rss0) * 100.0 / size);
      }
      System.out.printf("  (gws/core: gateways whose polls one core can do in one interval = interval s / CPU s "
          + "per gateway per round; CPU includes the stubs and H2, so Stoker alone does better)%n");
    } finally {
      service.deactivate();
      store.deactivate();
      stubs.stop(0);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }

  private static Environment environment(String id, URI http) {
    return new Environment(id, EnvironmentSpec.builder(id, "ignition", Stage.DEV).build(), EnvironmentState.RUNNING,
        null, "local", Map.of("http", http), "bench", Instant.EPOCH, Instant.EPOCH);
  }

  private static EnvironmentService environments(List<Environment> fleet) {
    return Fakes.of(EnvironmentService.class, Map.of("list", a -> {
      List<Environment> now = List.copyOf(fleet.subList(0, fleet.size()));
      return new Page<>(now, 0, now.size(), now.size());
    }));
  }

  /** An adapter that reads the stubs over HTTP as the Ignition adapter reads a gateway. */
  private static PlatformRegistry adapter() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HealthProbe probe = uri -> {
      try {
        String body = get(http, uri.resolve(uri.getPath() + "/StatusPing"));
        return new ProbeResult(body.contains("RUNNING") ? Readiness.READY : Readiness.STARTING, "");
      } catch (IOException e) {
        return new ProbeResult(Readiness.STARTING, e.getMessage());
      }
    };
    RuntimeProfile profile = new RuntimeProfile("img", List.of(), Map.of(), List.of(), List.of(), null, null,
        null, null, probe, 0);
    PlatformAdapter adapter = Fakes.of(PlatformAdapter.class, Map.of(
        "runtimeProfile", a -> profile,
        "gatewayClient", a -> {
          URI base = ((dev.stoker.api.platform.GatewayEndpoint) a[0]).httpBase();
          return Fakes.of(GatewayClient.class, Map.of("metrics", x -> {
            JsonNode doc;
            try {
              doc = JSON.readTree(get(http, base.resolve(base.getPath() + "/data/api/v1/overview")));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return Map.of("memory.used.bytes", doc.path("memory").path("used").asDouble(),
                "memory.max.bytes", doc.path("memory").path("max").asDouble(),
                "cpu.usage", doc.path("cpu").path("usage").asDouble(),
                "threads", doc.path("threads").path("count").asDouble());
          }));
        }));
    return Fakes.of(PlatformRegistry.class, Map.of("find", a -> Optional.of(adapter)));
  }

  private static String get(HttpClient http, URI uri) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
