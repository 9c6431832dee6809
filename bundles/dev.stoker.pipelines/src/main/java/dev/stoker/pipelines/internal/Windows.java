package dev.stoker.pipelines.internal;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.stoker.api.common.InvalidInputException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cron expressions (five fields, Unix style) for schedules and deploy windows. A deploy window is a list of
 * {@code allow} expressions and a list of {@code deny} expressions, each matching the minutes in which a deploy
 * may (may not) start, in a time zone; deny wins, and no allow list allows every minute.
 */
final class Windows {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private Windows() {
  }

  /** @return what is wrong with an expression, or empty when it is valid */
  static Optional<String> problem(String expression) {
    try {
      PARSER.parse(expression).validate();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("not a five-field cron expression (minute hour day month weekday): " + e.getMessage());
    }
  }

  static boolean matches(String expression, ZonedDateTime time) {
    return ExecutionTime.forCron(PARSER.parse(expression)).isMatch(time.withSecond(0).withNano(0));
  }


  /** Checks a {@code window} setting. */
  static void check(Map<String, Object> window) {
    for (String key : window.keySet()) {
      if (!List.of("allow", "deny", "zone").contains(key)) {
        throw new InvalidInputException("with.window." + key, "unknown (allow, deny, zone)");
      }
    }
    zone(window);
    for (String list : List.of("allow", "deny")) {
      for (String e : expressions(window, list)) {
        problem(e).ifPresent(p -> {
          throw new InvalidInputException("with.window." + list, p);
        });
      }
    }
  }

  /** @return why a deploy may not start now, or empty when it may */
  static Optional<String> closed(Map<String, Object> window, java.time.Instant now) {
    if (window.isEmpty()) {
      return Optional.empty();
    }
    ZonedDateTime t = now.atZone(zone(window));
    for (String e : expressions(window, "deny")) {
      if (matches(e, t)) {
        return Optional.of("deploys are denied now (" + e + ", " + t.getZone() + ")");
      }
    }
    List<String> allow = expressions(window, "allow");
    if (!allow.isEmpty() && allow.stream().noneMatch(e -> matches(e, t))) {
      return Optional.of("outside the deploy window (" + String.join(" | ", allow) + ", " + t.getZone() + ")");
    }
    return Optional.empty();
  }

  private static ZoneId zone(Map<String, Object> window) {
    Object z = window.get("zone");
    try {
      return z == null ? ZoneId.of("UTC") : ZoneId.of(String.valueOf(z));
    } catch (DateTimeException e) {
      throw new InvalidInputException("with.window.zone", "not a time zone such as Europe/Berlin");
    }
  }

  private static List<String> expressions(Map<String, Object> window, String key) {
    Object v = window.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }
}
