package dev.stoker.api.pipeline;

import java.util.Map;
import java.util.Optional;

/**
 * How a project's checks are set for one run: the target platform version and, per rule, a level
 * ({@code off}, {@code info}, {@code warning} or {@code error}) and options, as the {@code validate} step's
 * {@code rules} setting gives them.
 *
 * @param platformVersion the version the project is checked for (e.g. {@code 8.3.4}), or {@code null}
 * @param levels rule id → level word
 * @param options rule id → option name → value
 */
public record CheckSettings(String platformVersion, Map<String, String> levels,
    Map<String, Map<String, Object>> options) {
  /** Every rule at its default level, no version. */
  public static final CheckSettings DEFAULTS = new CheckSettings(null, Map.of(), Map.of());

  public CheckSettings {
    levels = Map.copyOf(levels);
    options = Map.copyOf(options);
  }

  /**
   * @param rule a rule id
   * @param fallback the rule's default level
   * @return the level the rule reports at, or empty when it is switched off
   */
  public Optional<Severity> level(String rule, Severity fallback) {
    String word = levels.get(rule);
    if (word == null) {
      return Optional.ofNullable(fallback);
    }
    return word.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Severity.valueOf(word.toUpperCase(java.util.Locale.ROOT)));
  }

  /** @return an option of a rule, or {@code fallback} */
  public Object option(String rule, String name, Object fallback) {
    return options.getOrDefault(rule, Map.of()).getOrDefault(name, fallback);
  }
}
