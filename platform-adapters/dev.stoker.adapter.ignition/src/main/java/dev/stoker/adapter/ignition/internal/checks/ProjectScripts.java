package dev.stoker.adapter.ignition.internal.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds every Python script in an Ignition project, the way the gateway will compile it.
 *
 * <ul>
 *   <li>Python files ({@code code.py} of the script library, WebDev's {@code doGet.py}, ...): whole modules.
 *   <li>Perspective {@code view.json}: script transforms ({@code transform(self, value, quality,
 *       timestamp)}), event handlers ({@code runAction(self, event)}), property change scripts
 *       ({@code valueChanged(self, previousValue, currentValue, origin, missedEvents)}), custom methods
 *       ({@code (self, <params>)}) and message handlers ({@code onMessageReceived(self, payload)}).
 *   <li>Any other JSON file (gateway and session event scripts, the tag export's tag event scripts): every
 *       string under a key {@code script}, with a generic header; such bodies are tab-indented as stored.
 * </ul>
 * Bodies held in JSON are compiled as stored after the header line, as Ignition does: the Designer keeps them
 * indented by one tab. Named queries ({@code query.sql}) are not Python and are left alone.
 */
final class ProjectScripts {

  static final String VIEW = "view.json";
  static final String TAGS_FILE = "tags.json";

  private static final String TRANSFORM = "def transform(self, value, quality, timestamp):";
  private static final String ACTION = "def runAction(self, event):";
  private static final String CHANGE = "def valueChanged(self, previousValue, currentValue, origin, missedEvents):";
  private static final String MESSAGE = "def onMessageReceived(self, payload):";
  private static final String GENERIC = "def script(*args, **kwargs):";

  private ProjectScripts() {
  }

  /** A JSON file's text, parsed once: the caller has it. */
  interface JsonSource {
    /** @return the parsed file, or {@code null} when it is not JSON */
    JsonNode json(Resource resource, String file);
  }

  /** @return the project's scripts in a stable order (resource, file, document order) */
  static List<Script> find(ResourceTree tree, JsonSource json) {
    List<Script> scripts = new ArrayList<>();
    for (Resource resource : tree.resources().values()) {
      for (Map.Entry<String, byte[]> file : resource.files().entrySet()) {
        String name = file.getKey();
        if (name.endsWith(".py")) {
          scripts.add(new Script(resource.path(), name, null, null, text(file.getValue())));
        } else if (name.endsWith(".json") && !name.equals("resource.json")) {
          JsonNode doc = json.json(resource, name);
          if (doc == null) {
            continue;
          }
          if (name.equals(VIEW)) {
            view(resource.path(), doc, "", scripts);
          } else {
            generic(resource.path(), name, doc, "", scripts);
          }
        }
      }
    }
    if (tree.tags() != null) {
      JsonNode doc = Json.parseOrNull(tree.tags());
      if (doc != null) {
        generic(null, TAGS_FILE, doc, "", scripts);
      }
    }
    return scripts;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Walks a view document: every object may carry propConfig, events and scripts (view root, components). */
  private static void view(String resource, JsonNode node, String pointer, List<Script> out) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        view(resource, node.get(i), pointer + "/" + i, out);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      String at = pointer + "/" + Json.escape(key);
      switch (key) {
        case "propConfig" -> propConfig(resource, value, at, out);
        case "events" -> events(resource, value, at, out);
        case "scripts" -> viewScripts(resource, value, at, out);
        default -> view(resource, value, at, out);
      }
    }
  }

  private static void propConfig(String resource, JsonNode config, String pointer, List<Script> out) {
    if (!config.isObject()) {
      return;
    }
    config.fields().forEachRemaining(property -> {
      String at = pointer + "/" + Json.escape(property.getKey());
      JsonNode transforms = property.getValue().path("binding").path("transforms");
      for (int i = 0; i < transforms.size(); i++) {
        JsonNode transform = transforms.get(i);
        if ("script".equals(transform.path("type").asText()) && transform.path("code").isTextual()) {
          out.add(new Script(resource, VIEW, at + "/binding/transforms/" + i + "/code", TRANSFORM,
              transform.get("code").asText()));
        }
      }
      JsonNode change = property.getValue().path("onChange").path("script");
      if (change.isTextual()) {
        out.add(new Script(resource, VIEW, at + "/onChange/script", CHANGE, change.asText()));
      }
    });
  }

  /** {@code events.<domain>.<event>}: one action or, since 8.1.x, a list of actions. */
  private static void events(String resource, JsonNode events, String pointer, List<Script> out) {
    if (!events.isObject()) {
      return;
    }
    events.fields().forEachRemaining(domain -> {
      if (!domain.getValue().isObject()) {
        return;
      }
      domain.getValue().fields().forEachRemaining(event -> {
        String at = pointer + "/" + Json.escape(domain.getKey()) + "/" + Json.escape(event.getKey());
        JsonNode handler = event.getValue();
        if (handler.isArray()) {
          for (int i = 0; i < handler.size(); i++) {
            action(resource, handler.get(i), at + "/" + i, out);
          }
        } else {
          action(resource, handler, at, out);
        }
      });
    });
  }

  private static void action(String resource, JsonNode action, String pointer, List<Script> out) {
    JsonNode script = action.path("config").path("script");
    if ("script".equals(action.path("type").asText()) && script.isTextual()) {
      out.add(new Script(resource, VIEW, pointer + "/config/script", ACTION, script.asText()));
    }
  }

  private static void viewScripts(String resource, JsonNode scripts, String pointer, List<Script> out) {
    JsonNode methods = scripts.path("customMethods");
    for (int i = 0; i < methods.size(); i++) {
      JsonNode method = methods.get(i);
      if (method.path("script").isTextual()) {
        StringBuilder header = new StringBuilder("def ").append(identifier(method.path("name").asText("method")))
            .append("(self");
        for (JsonNode param : method.path("params")) {
          header.append(", ").append(identifier(param.asText()));
        }
        out.add(new Script(resource, VIEW, pointer + "/customMethods/" + i + "/script", header + "):",
            method.get("script").asText()));
      }
    }
    JsonNode handlers = scripts.path("messageHandlers");
    for (int i = 0; i < handlers.size(); i++) {
      if (handlers.get(i).path("script").isTextual()) {
        out.add(new Script(resource, VIEW, pointer + "/messageHandlers/" + i + "/script", MESSAGE,
            handlers.get(i).get("script").asText()));
      }
    }
  }

  /** A name as Ignition would accept it in a header; anything else becomes a placeholder, not an error here. */
  private static String identifier(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "_";
  }

  private static void generic(String resource, String file, JsonNode node, String pointer, List<Script> out) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        generic(resource, file, node.get(i), pointer + "/" + i, out);
      }
    } else if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        String at = pointer + "/" + Json.escape(field.getKey());
        if (field.getKey().equals("script") && field.getValue().isTextual()) {
          out.add(new Script(resource, file, at, GENERIC, field.getValue().asText()));
        } else {
          generic(resource, file, field.getValue(), at, out);
        }
      });
    }
  }
}
