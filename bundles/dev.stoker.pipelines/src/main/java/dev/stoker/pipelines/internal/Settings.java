package dev.stoker.pipelines.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.pipeline.StepDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks a step's {@code with} settings; errors name {@code with.<key>}. */
final class Settings {
  private final StepDefinition step;

  Settings(StepDefinition step) {
    this.step = step;
  }

  /** Refuses settings the step does not know. */
  Settings only(Set<String> known) {
    for (String key : step.with().keySet()) {
      if (!known.contains(key)) {
        throw new InvalidInputException("with." + key, "unknown setting (known: " + String.join(", ",
            known.stream().sorted().toList()) + ")");
      }
    }
    return this;
  }

  String text(String key, String fallback) {
    Object v = step.with().get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof List) {
      throw new InvalidInputException("with." + key, "must be a single value");
    }
    return String.valueOf(v);
  }

  long number(String key, long fallback, long min, long max) {
    Object v = step.with().get(key);
    if (v == null) {
      return fallback;
    }
    long n;
    if (v instanceof Number num) {
      n = num.longValue();
    } else {
      try {
        n = Long.parseLong(String.valueOf(v));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("with." + key, "must be a whole number");
      }
    }
    if (n < min || n > max) {
      throw new InvalidInputException("with." + key, "must be between " + min + " and " + max);
    }
    return n;
  }

  boolean flag(String key, boolean fallback) {
    Object v = step.with().get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new InvalidInputException("with." + key, "must be true or false");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String key) {
    Object v = step.with().get(key);
    if (v == null) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new InvalidInputException("with." + key, "must be a mapping");
  }

  List<String> texts(String key) {
    Object v = step.with().get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    throw new InvalidInputException("with." + key, "must be a list");
  }

  /** A path on the gateway: absolute, no scheme, host, {@code ..} or backslash (it never leaves the gateway). */
  static String gatewayPath(String field, String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\") || path.contains("..")
        || path.contains("@") || path.length() > 500 || !path.matches("[\\x21-\\x7e]+")) {
      throw new InvalidInputException(field, "a path on the gateway such as /StatusPing (no host, no '..')");
    }
    return path;
  }
}
