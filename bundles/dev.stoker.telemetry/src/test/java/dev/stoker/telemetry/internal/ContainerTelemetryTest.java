package dev.stoker.telemetry.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.testing.OsgiConfigs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A gateway whose container runs on the real Docker engine (the emulator image, labelled with its environment as
 * the environment service labels it): the poll adds the container's memory, CPU and data volume figures from the
 * engine, exposed with the environment, stage, platform and host labels.
 */
@EnabledIfSystemProperty(named = "stoker.docker.tests", matches = "true", disabledReason = "Docker engine tests "
    + "skipped: run with -Dstoker.docker.tests=true")
class ContainerTelemetryTest {
  private static final long LIMIT = 192L << 20;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Gateways gateways = new Gateways();
  private EmulatorContainer container;
  private TelemetryServiceImpl service;

  @BeforeEach
  void start() throws Exception {
    String env = "ct-" + run;
    container = new EmulatorContainer("stoker-t-" + run + "-ct", env, LIMIT, Map.of());
    gateways.add(env, EnvironmentState.RUNNING);
    service = new TelemetryServiceImpl(gateways.environmentService(), gateways.platforms(),
        OsgiConfigs.of(TelemetryConfig.class, Map.of("pollTimeoutSeconds", 8)), Clock.systemUTC());
    service.runtimes = container.hosts();
  }

  @AfterEach
  void stop() throws Exception {
    if (service != null) {
      service.deactivate();
    }
    if (container != null) {
      container.close();
    }
  }

  @Test
  void containerFiguresAreSeriesWithTheGatewayLabels() throws Exception {
    String labels = "{environment=\"ct-" + run + "\",host=\"local\",platform=\"fake\",stage=\"dev\"}";
    await("container figures exposed").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          service.poller().round();
          return scrape().contains("stoker_gateway_container_cpu_ratio" + labels);
        });
    String text = scrape();
    double used = value(text, "stoker_gateway_container_memory_used_bytes" + labels);
    assertTrue(used > 1 << 20 && used < LIMIT, "memory used " + used);
    assertTrue(value(text, "stoker_gateway_container_memory_limit_bytes" + labels) == LIMIT, text);
    double cpu = value(text, "stoker_gateway_container_cpu_ratio" + labels);
    assertTrue(cpu >= 0 && cpu <= 1, "cpu " + cpu);
    // the gateway's own figures are still there next to the container's
    assertTrue(text.contains("stoker_gateway_memory_used_bytes" + labels + " 1000.0"), text);
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    service.writeMetrics(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static double value(String text, String series) {
    Matcher m = Pattern.compile(Pattern.quote(series) + " (\\S+)").matcher(text);
    assertTrue(m.find(), series + " missing in\n" + text);
    return Double.parseDouble(m.group(1));
  }
}
