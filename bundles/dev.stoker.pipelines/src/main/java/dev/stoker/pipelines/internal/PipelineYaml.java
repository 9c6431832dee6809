package dev.stoker.pipelines.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.StageDefinition;
import dev.stoker.api.pipeline.StepDefinition;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a pipeline file. The YAML is composed into nodes only (no object construction, so no type tags are
 * honoured), bounded in size, aliases and depth, then checked field by field; every error names the field as a
 * path ({@code stages[1].steps[0].type}) and its line and column.
 */
final class PipelineYaml {
  /** Largest pipeline file read. */
  static final int MAX_BYTES = 64 * 1024;
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})(s|m|h|d)");
  private static final int MAX_DEPTH = 12;
  private static final int MAX_STAGES = 32;
  private static final int MAX_STEPS = 64;

  /**
   * One error of a pipeline file.
   *
   * @param field the field's path, e.g. {@code stages[1].steps[0].type}
   * @param line 1-based line, 0 when unknown
   * @param column 1-based column, 0 when unknown
   * @param message what is wrong
   */
  record Error(String field, int line, int column, String message) {
    String describe() {
      return message + (line > 0 ? " (line " + line + ", column " + column + ")" : "");
    }

    InvalidInputException exception() {
      return new InvalidInputException(field, describe());
    }
  }

  /** The definition when the file is valid, and every error found. */
  record Result(PipelineDefinition definition, List<Error> errors) {
    PipelineDefinition orThrow() {
      if (!errors.isEmpty()) {
        throw errors.get(0).exception();
      }
      return definition;
    }
  }

  private final Function<String, Optional<PipelineStep>> steps;
  private final Function<String, Optional<String>> cron;
  private final List<Error> errors = new ArrayList<>();

  /**
   * @param steps the installed step for a type
   * @param cron checks a cron expression: empty when valid, else what is wrong
   */
  private PipelineYaml(Function<String, Optional<PipelineStep>> steps, Function<String, Optional<String>> cron) {
    this.steps = steps;
    this.cron = cron;
  }

  static Result parse(String text, Function<String, Optional<PipelineStep>> steps,
      Function<String, Optional<String>> cron) {
    return new PipelineYaml(steps, cron).read(text);
  }

  private Result read(String text) {
    if (text == null || text.isBlank()) {
      return failed(new Error("pipeline", 0, 0, "the pipeline file is empty"));
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return failed(new Error("pipeline", 0, 0, "the pipeline file is larger than " + MAX_BYTES + " bytes"));
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(MAX_DEPTH * 2);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark();
      return failed(new Error("pipeline", m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
          "not valid YAML: " + e.getProblem()));
    } catch (RuntimeException e) {
      return failed(new Error("pipeline", 0, 0, "not valid YAML: " + e.getMessage()));
    }
    if (!(root instanceof MappingNode top)) {
      return failed(error("pipeline", root, "must be a mapping with 'stages'"));
    }
    Map<String, Node> fields = fields("", top, Set.of("version", "stages", "triggers"));
    Node version = fields.get("version");
    if (version != null && !"1".equals(scalar("version", version))) {
      errors.add(error("version", version, "only version 1 is known"));
    }
    List<StageDefinition> stages = stages(fields.get("stages"), top);
    PipelineDefinition.Triggers triggers = triggers(fields.get("triggers"));
    return errors.isEmpty() ? new Result(new PipelineDefinition(stages, triggers), List.of())
        : new Result(null, List.copyOf(errors));
  }

  private Result failed(Error e) {
    return new Result(null, List.of(e));
  }

  private List<StageDefinition> stages(Node node, Node parent) {
    List<StageDefinition> stages = new ArrayList<>();
    if (node == null) {
      errors.add(error("stages", parent, "required: a list of stages"));
      return stages;
    }
    if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      errors.add(error("stages", node, "must be a non-empty list of stages"));
      return stages;
    }
    if (seq.getValue().size() > MAX_STAGES) {
      errors.add(error("stages", node, "at most " + MAX_STAGES + " stages"));
      return stages;
    }
    Set<String> stageNames = new HashSet<>();
    Set<String> stepNames = new HashSet<>();
    int total = 0;
    for (int i = 0; i < seq.getValue().size(); i++) {
      String path = "stages[" + i + "]";
      Node item = seq.getValue().get(i);
      if (!(item instanceof MappingNode map)) {
        errors.add(error(path, item, "must be a mapping with name and steps"));
        continue;
      }
      Map<String, Node> f = fields(path + ".", map, Set.of("name", "environment", "steps"));
      String name = name(path + ".name", f.get("name"), map, stageNames, "stage");
      String environment = f.containsKey("environment") ? scalar(path + ".environment", f.get("environment")) : null;
      if (environment != null && !NAME.matcher(environment).matches() && !environment.matches("[0-9a-f-]{36}")) {
        errors.add(error(path + ".environment", f.get("environment"), "not an environment name"));
      }
      List<StepDefinition> steps = new ArrayList<>();
      Node stepsNode = f.get("steps");
      if (!(stepsNode instanceof SequenceNode stepSeq) || stepSeq.getValue().isEmpty()) {
        errors.add(error(path + ".steps", stepsNode == null ? map : stepsNode, "required: a non-empty list of steps"));
      } else {
        for (int j = 0; j < stepSeq.getValue().size(); j++) {
          if (++total > MAX_STEPS) {
            errors.add(error(path + ".steps", stepSeq, "at most " + MAX_STEPS + " steps in a pipeline"));
            break;
          }
          StepDefinition s = step(path + ".steps[" + j + "]", stepSeq.getValue().get(j), stepNames);
          if (s != null) {
            steps.add(s);
          }
        }
      }
      stages.add(new StageDefinition(name, environment, steps));
    }
    return stages;
  }

  private StepDefinition step(String path, Node node, Set<String> stepNames) {
    if (!(node instanceof MappingNode map)) {
      errors.add(error(path, node, "must be a mapping with name and type"));
      return null;
    }
    Map<String, Node> f = fields(path + ".", map, Set.of("name", "type", "with", "timeout"));
    String type = f.containsKey("type") ? scalar(path + ".type", f.get("type")) : null;
    if (type == null) {
      errors.add(error(path + ".type", map, "required"));
      return null;
    }
    String name = f.containsKey("name") ? name(path + ".name", f.get("name"), map, stepNames, "step")
        : checkName(path + ".name", type, map, stepNames, "step");
    Map<String, Object> with = new LinkedHashMap<>();
    Node withNode = f.get("with");
    if (withNode != null) {
      Object v = value(path + ".with", withNode, 0);
      if (v instanceof Map<?, ?> m) {
        m.forEach((k, val) -> with.put((String) k, val));
      } else {
        errors.add(error(path + ".with", withNode, "must be a mapping of settings"));
      }
    }
    Duration timeout = f.containsKey("timeout") ? duration(path + ".timeout", f.get("timeout")) : null;
    StepDefinition step = new StepDefinition(name, type, with, timeout);
    Optional<PipelineStep> impl = steps.apply(type);
    if (impl.isEmpty()) {
      errors.add(error(path + ".type", f.get("type"), "unknown step type '" + type + "'"));
    } else {
      try {
        impl.get().check(step);
      } catch (InvalidInputException e) {
        String field = e.field() == null ? path + ".with" : path + "." + e.field();
        String detail = e.field() != null && e.getMessage().startsWith(e.field() + ": ")
            ? e.getMessage().substring(e.field().length() + 2) : e.getMessage();
        Node at = e.field() != null && e.field().startsWith("with.") && withNode instanceof MappingNode wm
            ? find(wm, e.field().substring(5)).orElse(withNode) : withNode == null ? map : withNode;
        errors.add(error(field, at, detail));
      }
    }
    return step;
  }

  private PipelineDefinition.Triggers triggers(Node node) {
    if (node == null) {
      return PipelineDefinition.Triggers.MANUAL;
    }
    if (!(node instanceof MappingNode map)) {
      errors.add(error("triggers", node, "must be a mapping"));
      return PipelineDefinition.Triggers.MANUAL;
    }
    Map<String, Node> f = fields("triggers.", map, Set.of("branches", "schedule", "webhook"));
    List<String> branches = new ArrayList<>();
    Node b = f.get("branches");
    if (b instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        String v = scalar("triggers.branches[" + i + "]", seq.getValue().get(i));
        if (v != null && !v.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}")) {
          errors.add(error("triggers.branches[" + i + "]", seq.getValue().get(i), "not a branch name"));
        } else if (v != null) {
          branches.add(v);
        }
      }
    } else if (b != null) {
      errors.add(error("triggers.branches", b, "must be a list of branch names"));
    }
    String schedule = f.containsKey("schedule") ? scalar("triggers.schedule", f.get("schedule")) : null;
    if (schedule != null) {
      cron.apply(schedule).ifPresent(problem -> errors.add(error("triggers.schedule", f.get("schedule"), problem)));
    }
    boolean webhook = false;
    if (f.containsKey("webhook")) {
      String w = scalar("triggers.webhook", f.get("webhook"));
      if (!"true".equals(w) && !"false".equals(w)) {
        errors.add(error("triggers.webhook", f.get("webhook"), "must be true or false"));
      }
      webhook = "true".equals(w);
    }
    return new PipelineDefinition.Triggers(branches, schedule, webhook);
  }

  private String name(String path, Node node, Node parent, Set<String> seen, String what) {
    if (node == null) {
      errors.add(error(path, parent, "required"));
      return null;
    }
    String name = scalar(path, node);
    return name == null ? null : checkName(path, name, node, seen, what);
  }

  private String checkName(String path, String name, Node node, Set<String> seen, String what) {
    if (!NAME.matcher(name).matches()) {
      errors.add(error(path, node, "a " + what + " name is letters, digits, '-' and '_', at most 63"));
    } else if (!seen.add(name)) {
      errors.add(error(path, node, "another " + what + " is named '" + name + "'"));
    }
    return name;
  }

  private Duration duration(String path, Node node) {
    String text = scalar(path, node);
    if (text == null) {
      return null;
    }
    Matcher m = SHORT_DURATION.matcher(text);
    Duration d = null;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        d = Duration.parse(text);
      } catch (DateTimeParseException e) {
        errors.add(error(path, node, "a duration such as 30s, 10m, 2h, 1d or PT30M"));
        return null;
      }
    }
    if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
      errors.add(error(path, node, "must be more than 0 and at most 30 days"));
      return null;
    }
    return d;
  }

  /** @return the mapping's fields by key; unknown keys are errors */
  private Map<String, Node> fields(String prefix, MappingNode map, Set<String> known) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
      if (key == null) {
        errors.add(error(prefix.isEmpty() ? "pipeline" : prefix.substring(0, prefix.length() - 1), t.getKeyNode(),
            "keys must be plain names"));
      } else if (!known.contains(key)) {
        errors.add(error(prefix + key, t.getKeyNode(), "unknown field (known: " + String.join(", ",
            known.stream().sorted().toList()) + ")"));
      } else {
        out.put(key, t.getValueNode());
      }
    }
    return out;
  }

  private static Optional<Node> find(MappingNode map, String key) {
    return map.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
        .map(NodeTuple::getValueNode).findFirst();
  }

  private String scalar(String path, Node node) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    errors.add(error(path, node, "must be a single value"));
    return null;
  }

  /** @return a settings value: text, number, boolean, list or map (keys as text) */
  private Object value(String path, Node node, int depth) {
    if (depth > MAX_DEPTH) {
      errors.add(error(path, node, "nested too deeply"));
      return null;
    }
    if (node instanceof ScalarNode s) {
      Tag tag = s.getTag();
      String v = s.getValue();
      if (Tag.INT.equals(tag)) {
        try {
          return Long.parseLong(v);
        } catch (NumberFormatException e) {
          return v;
        }
      }
      if (Tag.FLOAT.equals(tag)) {
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          return v;
        }
      }
      if (Tag.BOOL.equals(tag)) {
        return Boolean.parseBoolean(v);
      }
      return Tag.NULL.equals(tag) ? null : v;
    }
    if (node instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        out.add(value(path + "[" + i + "]", seq.getValue().get(i), depth + 1));
      }
      return out;
    }
    MappingNode map = (MappingNode) node;
    Map<String, Object> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        errors.add(error(path, t.getKeyNode(), "keys must be plain names"));
        continue;
      }
      Object v = value(path + "." + k.getValue(), t.getValueNode(), depth + 1);
      if (v != null) {
        out.put(k.getValue(), v);
      }
    }
    return out;
  }

  private static Error error(String field, Node node, String message) {
    Mark m = node == null ? null : node.getStartMark();
    return new Error(field, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, message);
  }
}
