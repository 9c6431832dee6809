package dev.stoker.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.repository.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words a resource is found by: its name, and what its files say to a person. Views: texts, labels,
 * titles, tooltips, component and parameter names, event scripts, embedded view paths. Scripts: the code's
 * names, comments and strings. Named queries: the SQL. Identifiers are split into words ({@code ackAlarm},
 * {@code ack_alarm} → {@code ack alarm}).
 */
final class ResourceText {
  static final int MAX_CHARS = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> VIEW_KEYS = Set.of("text", "label", "title", "tooltip", "placeholder", "name",
      "script", "path", "description", "documentation", "tagPath", "alt", "value");
  private static final Set<String> NAMED_KEYS = Set.of("params", "custom");
  private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern NOISE = Pattern.compile("^(ia\\.|#|\\d+(px|%)?$|var\\(|rgba?\\()");

  private ResourceText() {
  }

  /** @return view, script, named-query, or null for a resource that is not searched */
  static String category(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    if (t.endsWith("/views")) {
      return "view";
    }
    if (t.contains("script-python")) {
      return "script";
    }
    if (t.contains("named-quer")) {
      return "named-query";
    }
    return null;
  }

  /** {@code com.inductiveautomation.perspective/views/Boiler/Overview} → {@code Boiler Overview}. */
  static String name(String path) {
    String[] s = path.split("/", 3);
    return words(s.length < 3 ? path : s[2]);
  }

  static String of(Resource r, String category) {
    StringBuilder out = new StringBuilder(category.replace('-', ' ')).append(' ').append(name(r.path()))
        .append(". ");
    for (Map.Entry<String, byte[]> file : r.files().entrySet()) {
      if (file.getKey().equals("resource.json") || out.length() >= MAX_CHARS) {
        continue;
      }
      String text = new String(file.getValue(), StandardCharsets.UTF_8);
      if (category.equals("view") && file.getKey().endsWith(".json")) {
        view(text, out);
      } else if (!file.getKey().endsWith(".json") || category.equals("named-query")) {
        out.append(words(text)).append(' ');
      }
    }
    String s = out.toString().replaceAll("\\s+", " ").trim();
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
  }

  private static void view(String json, StringBuilder out) {
    try {
      walk(JSON.readTree(json), null, out);
    } catch (IOException e) {
      out.append(words(json)).append(' ');
    }
  }

  private static void walk(JsonNode node, String key, StringBuilder out) {
    if (out.length() >= MAX_CHARS) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (NAMED_KEYS.contains(e.getKey())) {
          e.getValue().fieldNames().forEachRemaining(n -> out.append(words(n)).append(", "));
        }
        walk(e.getValue(), e.getKey(), out);
      }
    } else if (node.isArray()) {
      node.forEach(child -> walk(child, key, out));
    } else if (node.isTextual() && key != null && VIEW_KEYS.contains(key)) {
      String v = node.asText().trim();
      if (!v.isEmpty() && !NOISE.matcher(v).find()) {
        out.append(words(v)).append(". ");
      }
    }
  }

  /** Identifiers and punctuation made words: {@code ackAlarm_now()} → {@code ack Alarm now}. */
  static String words(String s) {
    return NOT_WORD.matcher(CAMEL.matcher(s).replaceAll(" ").replace('_', ' ')).replaceAll(" ").trim();
  }
}
