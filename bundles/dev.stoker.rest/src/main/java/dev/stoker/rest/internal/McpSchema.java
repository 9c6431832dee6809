package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the input JSON Schema of an MCP tool: an object of named, typed arguments, no others allowed.
 * {@link McpArgs} validates a call's arguments against the schema built here.
 */
final class McpSchema {
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final ObjectNode properties = root.putObject("properties");
  private final ArrayNode required = JsonNodeFactory.instance.arrayNode();

  McpSchema() {
    root.put("type", "object");
    root.put("additionalProperties", false);
  }

  McpSchema string(String name, String description, boolean mandatory) {
    add(name, mandatory).put("type", "string").put("minLength", 1).put("description", description);
    return this;
  }

  McpSchema oneOf(String name, String description, List<String> values, boolean mandatory) {
    ObjectNode p = add(name, mandatory).put("type", "string").put("description", description);
    values.forEach(p.putArray("enum")::add);
    return this;
  }

  McpSchema integer(String name, String description, int min, int max) {
    add(name, false).put("type", "integer").put("minimum", min).put("maximum", max).put("description", description);
    return this;
  }

  /** Offset and limit of a page, as the REST API's {@code ?offset=&limit=}. */
  McpSchema paging() {
    return integer("offset", "how many items to skip", 0, Integer.MAX_VALUE)
        .integer("limit", "page size", 1, dev.stoker.api.common.PageRequest.MAX_LIMIT);
  }

  /** An object of string values (labels, secret references). */
  McpSchema strings(String name, String description) {
    add(name, false).put("type", "object").put("description", description).putObject("additionalProperties")
        .put("type", "string");
    return this;
  }

  private ObjectNode add(String name, boolean mandatory) {
    if (mandatory) {
      required.add(name);
    }
    return properties.putObject(name);
  }

  ObjectNode build() {
    ObjectNode schema = root.deepCopy();
    if (!required.isEmpty()) {
      schema.set("required", required.deepCopy());
    }
    return schema;
  }
}
