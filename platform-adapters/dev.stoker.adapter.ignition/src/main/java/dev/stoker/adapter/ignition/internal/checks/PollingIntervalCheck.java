package dev.stoker.adapter.ignition.internal.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Rule {@code polling-interval}: Perspective bindings that poll faster than a minimum (option {@code minMs},
 * default 1000). Every binding under a {@code propConfig} (views, session properties) is read:
 * <ul>
 *   <li>expressions calling {@code now(ms)} ({@code now()} polls every 1000 ms, {@code now(0)} never) or
 *       {@code runScript(script, ms, ...)} ({@code 0} never), in the binding's config and in expression
 *       transforms;
 *   <li>query, tag history and HTTP bindings with {@code config.polling.enabled} and a constant
 *       {@code config.polling.rate} in seconds (a rate given as an expression is not evaluated).
 * </ul>
 * Script transforms are Python, not expressions, and are not read.
 */
@Component(service = ProjectCheck.class, property = "stoker.platform=ignition")
public final class PollingIntervalCheck extends IgnitionCheck {

  static final String RULE = "polling-interval";
  static final long MIN_MS = 1000;

  private static final Pattern NOW = Pattern.compile("(?<![\\w.])now\\s*\\(\\s*(\\d*)\\s*\\)");
  private static final Pattern RUN_SCRIPT = Pattern.compile(
      "(?<![\\w.])runScript\\s*\\(\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[^,()]+)\\s*,\\s*(\\d+)");

  private static final Rule[] RULES = {new Rule(RULE, Severity.WARNING,
      "bindings polling faster than a minimum interval (option minMs, default 1000)")};

  public PollingIntervalCheck() {
    super(RULES);
  }

  @Override
  void run(CheckRun run) {
    ResourceTree tree = run.tree();
    long minMs = run.longOption(RULE, "minMs", MIN_MS);
    for (Resource resource : tree.resources().values()) {
      for (String file : resource.files().keySet()) {
        if (file.endsWith(".json") && !file.equals("resource.json")) {
          JsonNode doc = run.json(resource, file);
          if (doc != null) {
            walk(run, resource.path(), file, doc, "", minMs);
          }
        }
      }
    }
  }

  private static void walk(CheckRun run, String resource, String file, JsonNode node, String pointer, long minMs) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(run, resource, file, node.get(i), pointer + "/" + i, minMs);
      }
    } else if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        String at = pointer + "/" + Json.escape(field.getKey());
        if (field.getKey().equals("propConfig") && field.getValue().isObject()) {
          field.getValue().fields().forEachRemaining(property -> {
            JsonNode binding = property.getValue().get("binding");
            if (binding != null && binding.isObject()) {
              binding(run, resource, file, binding, at + "/" + Json.escape(property.getKey()) + "/binding", minMs);
            }
          });
        }
        walk(run, resource, file, field.getValue(), at, minMs);
      });
    }
  }

  private static void binding(CheckRun run, String resource, String file, JsonNode binding, String pointer,
      long minMs) {
    JsonNode polling = binding.path("config").path("polling");
    if (polling.path("enabled").asBoolean(false)) {
      BigDecimal seconds = number(polling.get("rate"));
      if (seconds != null && seconds.signum() > 0) {
        long ms = seconds.movePointRight(3).longValue();
        if (ms < minMs) {
          run.report(RULE, resource, file, pointer + "/config/polling/rate", 0, "polls every " + ms
              + " ms (rate " + seconds.toPlainString() + " s), faster than the minimum of " + minMs + " ms");
        }
      }
    }
    expressions(run, resource, file, binding.path("config"), pointer + "/config", minMs);
    JsonNode transforms = binding.path("transforms");
    for (int i = 0; i < transforms.size(); i++) {
      if (!"script".equals(transforms.get(i).path("type").asText())) {
        expressions(run, resource, file, transforms.get(i), pointer + "/transforms/" + i, minMs);
      }
    }
  }

  /** Every string below the node, read as an expression. */
  private static void expressions(CheckRun run, String resource, String file, JsonNode node, String pointer,
      long minMs) {
    if (node.isTextual()) {
      String text = node.asText();
      Matcher now = NOW.matcher(text);
      while (now.find()) {
        long ms = now.group(1).isEmpty() ? 1000 : parse(now.group(1));
        if (ms > 0 && ms < minMs) {
          run.report(RULE, resource, file, pointer, 0, now.group().replaceAll("\\s+", "")
              + " polls every " + ms + " ms, faster than the minimum of " + minMs + " ms");
        }
      }
      Matcher script = RUN_SCRIPT.matcher(text);
      while (script.find()) {
        long ms = parse(script.group(1));
        if (ms > 0 && ms < minMs) {
          run.report(RULE, resource, file, pointer, 0, "runScript polls every " + ms
              + " ms, faster than the minimum of " + minMs + " ms");
        }
      }
    } else if (node.isContainerNode()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          expressions(run, resource, file, node.get(i), pointer + "/" + i, minMs);
        }
      } else {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
          expressions(run, resource, file, field.getValue(), pointer + "/" + Json.escape(field.getKey()), minMs);
        }
      }
    }
  }

  private static long parse(String digits) {
    return digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  private static BigDecimal number(JsonNode rate) {
    if (rate == null) {
      return null;
    }
    if (rate.isNumber()) {
      return rate.decimalValue();
    }
    try {
      return rate.isTextual() ? new BigDecimal(rate.asText().strip()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
