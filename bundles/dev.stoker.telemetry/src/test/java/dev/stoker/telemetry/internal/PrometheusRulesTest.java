package dev.stoker.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.testing.OsgiConfigs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules file and Grafana dashboard shipped in {@code docs/}: {@code promtool} (Debian's prometheus package)
 * checks the rules and runs their unit tests; every Stoker series they use is one the exposition really writes.
 */
class PrometheusRulesTest {
  private static final Path DOCS = Path.of("../../docs").toAbsolutePath().normalize();
  private static final Pattern SERIES = Pattern.compile("\\b(stoker_[a-z0-9_]+)");

  @TempDir
  Path tmp;

  private static String promtool(String... args) throws Exception {
    Path tool = Path.of("/usr/bin/promtool");
    Assumptions.assumeTrue(Files.isExecutable(tool), "promtool missing: apt-get install prometheus");
    String[] command = new String[args.length + 1];
    command[0] = tool.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void promtoolChecksAndTestsTheRules() throws Exception {
    Path rules = DOCS.resolve("prometheus-rules.yml");
    assertTrue(promtool("check", "rules", rules.toString()).contains("SUCCESS"));
    String tests = new String(getClass().getResourceAsStream("/prometheus-rules-test.yml").readAllBytes(),
        StandardCharsets.UTF_8).replace("RULES", rules.toString());
    Path file = tmp.resolve("rules-test.yml");
    Files.writeString(file, tests);
    assertTrue(promtool("test", "rules", file.toString()).contains("SUCCESS"));
  }

  @Test
  void dashboardAndRulesUseOnlySeriesStokerWrites() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("grafana-dashboard.json").toFile());
    assertEquals("stoker-fleet", dashboard.path("uid").asText());
    assertTrue(dashboard.path("panels").size() >= 10);
    Set<String> used = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has no query");
      panel.path("targets").forEach(t -> used.addAll(series(t.path("expr").asText())));
    }
    used.addAll(series(Files.readString(DOCS.resolve("prometheus-rules.yml"))));

    Set<String> written = series(scrapeOfAFullyReportedGateway());
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(written);
    assertEquals(Set.of(), missing, "used in docs/ but not exposed; exposed: " + written);
  }

  private static Set<String> series(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = SERIES.matcher(text);
    while (m.find()) {
      names.add(m.group(1).replaceAll("_(bucket|count|sum|created)$", ""));
    }
    return names;
  }

  /** The exposition of a gateway whose adapter and container report every figure Stoker knows. */
  private static String scrapeOfAFullyReportedGateway() throws Exception {
    Gateways gateways = new Gateways();
    gateways.add("g1", EnvironmentState.RUNNING);
    gateways.metrics.put("g1", Map.of("memory.used.bytes", 1e8, "memory.max.bytes", 2e8, "cpu.usage", 0.2,
        "container.memory.used.bytes", 1.5e8, "container.memory.limit.bytes", 5e8, "container.cpu.usage", 0.1,
        "volume.usage", 0.4));
    TelemetryServiceImpl service = new TelemetryServiceImpl(gateways.environmentService(), gateways.platforms(),
        OsgiConfigs.of(TelemetryConfig.class, Map.of("pollTimeoutSeconds", 2)), Clock.systemUTC());
    try {
      service.recordRequest("GET", "environments", 500, Duration.ofMillis(3));
      service.poller().round();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> service.gateway("g1").isPresent());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      service.writeMetrics(out);
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      service.deactivate();
    }
  }
}
