package dev.stoker.adapter.ignition.internal.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.pipeline.CheckSettings;
import dev.stoker.api.pipeline.Finding;
import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One check over one tree: the levels in force, JSON files parsed once, and the findings in a stable order
 * (resource, file, pointer, line, rule). Not shared between threads.
 */
final class CheckRun implements ProjectScripts.JsonSource {

  static final String PLATFORM = "ignition";

  private static final Comparator<Finding> ORDER = Comparator
      .comparing(Finding::resource, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Finding::file, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Finding::pointer, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparingInt(Finding::line)
      .thenComparing(Finding::rule);

  private final ResourceTree tree;
  private final CheckSettings settings;
  private final Map<String, Optional<Severity>> levels = new HashMap<>();
  private final Map<String, JsonNode> parsed = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();

  CheckRun(ResourceTree tree, CheckSettings settings, List<ProjectCheck.Rule> rules) {
    this.tree = tree;
    this.settings = settings == null ? CheckSettings.DEFAULTS : settings;
    for (ProjectCheck.Rule rule : rules) {
      levels.put(rule.id(), level(this.settings, rule));
    }
  }

  private static Optional<Severity> level(CheckSettings settings, ProjectCheck.Rule rule) {
    try {
      return settings.level(rule.id(), rule.level());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("rules." + rule.id() + ": level must be off, info, warning or error");
    }
  }

  ResourceTree tree() {
    return tree;
  }

  CheckSettings settings() {
    return settings;
  }

  /** @return whether a rule reports at all in this run */
  boolean on(String rule) {
    return levels.getOrDefault(rule, Optional.empty()).isPresent();
  }

  void report(String rule, String resource, String file, String pointer, int line, String message) {
    levels.getOrDefault(rule, Optional.empty()).ifPresent(severity ->
        findings.add(new Finding(severity, rule, resource, file, pointer, Math.max(line, 0), message)));
  }

  /** @return a whole-number option of a rule, e.g. {@code minMs}; refused when not a positive number */
  long longOption(String rule, String name, long fallback) {
    Object value = settings.option(rule, name, fallback);
    long n;
    if (value instanceof Number number) {
      n = number.longValue();
    } else {
      try {
        n = Long.parseLong(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("rules." + rule + "." + name + ": not a whole number: " + value);
      }
    }
    if (n <= 0) {
      throw new InvalidInputException("rules." + rule + "." + name + ": must be positive, got " + n);
    }
    return n;
  }

  @Override
  public JsonNode json(Resource resource, String file) {
    return parsed.computeIfAbsent(resource.path() + "\u0000" + file, key -> {
      byte[] bytes = resource.files().get(file);
      return bytes == null ? null : Json.parseOrNull(bytes);
    });
  }

  List<Finding> findings() {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(ORDER);
    return List.copyOf(sorted);
  }
}
