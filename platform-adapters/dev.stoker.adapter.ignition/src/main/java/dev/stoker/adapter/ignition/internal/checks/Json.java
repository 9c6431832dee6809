package dev.stoker.adapter.ignition.internal.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON reading shared by the checks: strict (no trailing tokens), pointers per RFC 6901. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {
  }

  /** @return the document, or {@code null} when the bytes are not one JSON value */
  static JsonNode parseOrNull(byte[] bytes) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  /** Why the bytes are not JSON, with the line; {@code null} when they are. */
  record Error(int line, String message) {
  }

  static Error error(byte[] bytes) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      return node == null || node.isMissingNode() ? new Error(1, "empty file, no JSON value") : null;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return new Error(Math.max(line, 0), e.getOriginalMessage());
    } catch (IOException e) {
      return new Error(0, e.getMessage());
    }
  }

  /** One reference token of a JSON pointer: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
