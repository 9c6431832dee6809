package dev.stoker.telemetry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The identity of a series: canonical labels (JSON, keys sorted) and the SHA-256 of name and labels. */
final class SeriesKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SeriesKeys() {
  }

  static String labelsJson(Map<String, String> labels) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(labels));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("labels cannot be written as JSON", e);
    }
  }

  static Map<String, String> labels(String json) {
    try {
      return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored labels are not a JSON object", e);
    }
  }

  static String id(String name, String labelsJson) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return HexFormat.of().formatHex(sha.digest(labelsJson.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
