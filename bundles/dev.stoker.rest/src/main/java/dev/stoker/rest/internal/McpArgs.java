package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.PageRequest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call's arguments, checked against the tool's input schema ({@link McpSchema}) before the tool runs:
 * unknown, missing, mistyped or out-of-range arguments fail with an {@link InvalidInputException} naming the
 * argument.
 */
final class McpArgs {
  private final ObjectNode values;

  private McpArgs(ObjectNode values) {
    this.values = values;
  }

  /** @param arguments the {@code arguments} of a {@code tools/call}: an object, or absent ({@code null}) */
  static McpArgs validate(JsonNode arguments, ObjectNode schema) {
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      throw new InvalidInputException("arguments", "must be an object");
    }
    ObjectNode given = arguments == null || arguments.isNull() ? JsonNodeFactory.instance.objectNode()
        : (ObjectNode) arguments;
    JsonNode properties = schema.path("properties");
    for (Iterator<String> names = given.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!properties.has(name)) {
        throw new InvalidInputException(name, "unknown argument; this tool takes " + fieldList(properties));
      }
      check(name, given.get(name), properties.get(name));
    }
    for (JsonNode name : schema.path("required")) {
      JsonNode v = given.get(name.asText());
      if (v == null || v.isNull()) {
        throw new InvalidInputException(name.asText(), "required");
      }
    }
    return new McpArgs(given);
  }

  private static String fieldList(JsonNode properties) {
    StringBuilder s = new StringBuilder();
    properties.fieldNames().forEachRemaining(n -> s.append(s.length() == 0 ? "" : ", ").append(n));
    return s.length() == 0 ? "no arguments" : s.toString();
  }

  private static void check(String name, JsonNode value, JsonNode rule) {
    if (value.isNull()) {
      return; // the same as absent
    }
    switch (rule.path("type").asText()) {
      case "string" -> {
        if (!value.isTextual() || value.asText().isBlank()) {
          throw new InvalidInputException(name, "must be a non-empty string");
        }
        JsonNode allowed = rule.get("enum");
        if (allowed != null && !contains(allowed, value.asText())) {
          throw new InvalidInputException(name, "must be one of " + allowed);
        }
      }
      case "integer" -> {
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
          throw new InvalidInputException(name, "must be an integer");
        }
        int v = value.asInt();
        if (v < rule.path("minimum").asInt(Integer.MIN_VALUE) || v > rule.path("maximum").asInt(Integer.MAX_VALUE)) {
          throw new InvalidInputException(name, "must be between " + rule.path("minimum").asInt() + " and "
              + rule.path("maximum").asInt());
        }
      }
      case "object" -> {
        if (!value.isObject()) {
          throw new InvalidInputException(name, "must be an object of strings");
        }
        value.fields().forEachRemaining(e -> {
          if (!e.getValue().isTextual()) {
            throw new InvalidInputException(name + "." + e.getKey(), "must be a string");
          }
        });
      }
      default -> throw new IllegalStateException("schema type " + rule.path("type"));
    }
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode v : array) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** @return the string argument, or {@code null} when absent */
  String string(String name) {
    JsonNode v = values.get(name);
    return v == null || v.isNull() ? null : v.asText().strip();
  }

  /** @return the integer argument, or {@code null} when absent */
  Integer integer(String name) {
    JsonNode v = values.get(name);
    return v == null || v.isNull() ? null : v.asInt();
  }

  /** @return the page the {@code offset} and {@code limit} arguments ask for */
  PageRequest page() {
    Integer offset = integer("offset");
    Integer limit = integer("limit");
    return new PageRequest(offset == null ? 0 : offset, limit == null ? PageRequest.DEFAULT_LIMIT : limit);
  }

  /** @return the object-of-strings argument, empty when absent */
  Map<String, String> strings(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode v = values.get(name);
    if (v != null && v.isObject()) {
      v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
