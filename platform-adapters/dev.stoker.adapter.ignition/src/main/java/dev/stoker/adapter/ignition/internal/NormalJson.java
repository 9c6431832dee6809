package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON as the adapter reads and writes it. Two written forms: {@link #pretty} with {@link #sorted} is the normal
 * form of tag exports (keys sorted in code point order, two-space indent, decimals kept as written, a trailing
 * newline; equal content gives equal bytes); {@link #written} is the layout Ignition gives the project files
 * Stoker changes (keys in the document's order, two-space indent, {@code {}} and {@code []} when empty).
 */
final class NormalJson {

  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // 10.0 must not become 1E+1: keep decimals exactly as the gateway wrote them.
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private static final ObjectWriter WRITTEN = MAPPER.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("").withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private NormalJson() {
  }

  /** @return the parsed document, or {@code null} when the bytes are not JSON */
  static JsonNode parseOrNull(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      return null;
    }
  }

  /** @return a deep copy with every object's keys sorted */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = MAPPER.createObjectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = MAPPER.createArrayNode();
      Iterator<JsonNode> items = node.elements();
      while (items.hasNext()) {
        copy.add(sorted(items.next()));
      }
      return copy;
    }
    return node.deepCopy();
  }

  static byte[] pretty(JsonNode node) {
    return write(PRETTY, node, "\n");
  }

  /** @return a project file Stoker changed, laid out as Ignition writes it, keys in the node's order */
  static byte[] written(JsonNode node) {
    return write(WRITTEN, node, "");
  }

  private static byte[] write(ObjectWriter writer, JsonNode node, String end) {
    try {
      return (writer.writeValueAsString(node) + end).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always serialises", e);
    }
  }

  /** Compact text, the form signed inside resource signatures. */
  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always serialises", e);
    }
  }
}
