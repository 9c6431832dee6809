package dev.stoker.rest.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.Series;
import dev.stoker.api.telemetry.TelemetryService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The recorded history of one environment's gateway metric, e.g.
 * {@code ?name=stoker_gateway_memory_used_bytes&from=2026-01-05T10:00:00Z&to=...&step=1m}.
 */
@Component(service = RestResource.class)
@Path("environments/{id}/metrics/history")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsHistoryResource implements RestResource {
  static final Duration DEFAULT_RANGE = Duration.ofHours(1);
  /** Points a query without a step gets (about). */
  static final int DEFAULT_POINTS = 240;
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private final EnvironmentService environments;
  private final TelemetryService telemetry;
  private final Clock clock;

  @Activate
  public MetricsHistoryResource(@Reference EnvironmentService environments, @Reference TelemetryService telemetry) {
    this(environments, telemetry, Clock.systemUTC());
  }

  MetricsHistoryResource(EnvironmentService environments, TelemetryService telemetry, Clock clock) {
    this.environments = environments;
    this.telemetry = telemetry;
    this.clock = clock;
  }

  /** The answer: the series (usually one) of the metric for the environment, with the range used. */
  public record History(String environment, String name, Instant from, Instant to, Duration step,
      List<Series> series) {
  }

  @GET
  @Allow(Role.VIEWER)
  public History history(@PathParam("id") String id, @QueryParam("name") String name,
      @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("step") String step) {
    Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
    Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_RANGE) : instant("from", from);
    Duration stride = step == null || step.isBlank() ? defaultStep(start, end) : duration("step", step);
    RangeQuery query = new RangeQuery(name, Map.of(), start, end, stride);
    environments.get(id).orElseThrow(() -> ProblemException.notFound("environment '" + id + "' not found"));
    return new History(id, name, start, end, stride, telemetry.history(id, query));
  }

  private static Duration defaultStep(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ofSeconds(10); // the query names the bad range
    }
    long seconds = Duration.between(from, to).dividedBy(DEFAULT_POINTS).toSeconds();
    return Duration.ofSeconds(Math.max(10, seconds));
  }

  /** An ISO-8601 instant ({@code 2026-01-05T10:00:00Z}) or epoch seconds ({@code 1767607200.5}). */
  static Instant instant(String field, String text) {
    if (text.length() > 40) {
      throw new InvalidInputException(field, "too long");
    }
    try {
      if (text.matches("-?\\d{1,12}(\\.\\d{1,9})?")) {
        BigDecimal seconds = new BigDecimal(text);
        return Instant.ofEpochSecond(seconds.longValue(),
            seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
      }
      return Instant.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new InvalidInputException(field, "an ISO-8601 instant (2026-01-05T10:00:00Z) or epoch seconds");
    }
  }

  /** Seconds ({@code 30}), a short form ({@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT1M}). */
  static Duration duration(String field, String text) {
    if (text.length() > 40) {
      throw new InvalidInputException(field, "too long");
    }
    try {
      if (text.matches("\\d{1,9}")) {
        return Duration.ofSeconds(Long.parseLong(text));
      }
      Matcher m = SHORT_DURATION.matcher(text);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new InvalidInputException(field, "seconds, a duration such as 30s, 5m, 1h, or ISO-8601 (PT1M)");
    }
  }
}
