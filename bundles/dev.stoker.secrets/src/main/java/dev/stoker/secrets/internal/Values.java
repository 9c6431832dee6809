package dev.stoker.secrets.internal;

import dev.stoker.api.common.InvalidInputException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stoker.api.secrets.SecretType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates a value for its type and parses its non-secret metadata. Error messages start with
 * {@code value:} (or {@code importPassword:}) and never quote the value; parser messages, which may,
 * are dropped.
 */
final class Values {
  /** Jackson without source snippets in its locations, for the rare message that is kept. */
  static final ObjectMapper JSON = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
  private static final int KEY_MAX = 128;

  /** A validated value in its stored form, with what was parsed from it. Never printed with its value. */
  record Parsed(byte[] value, Instant expires, Map<String, String> attributes) {
    @Override
    public String toString() {
      return "Parsed[" + value.length + " bytes, expires=" + expires + ", attributes=" + attributes + "]";
    }
  }

  private Values() {
  }

  static Parsed parse(SecretType type, byte[] value, char[] importPassword, Instant expires) {
    if (value == null || value.length == 0) {
      throw new InvalidInputException("value: required");
    }
    Parsed parsed = switch (type) {
      case PASSWORD -> text(value, false, "a password must be one line of text without control characters");
      case API_TOKEN -> text(value, true, "an API token must be one line of printable text without spaces");
      case ACTIVATION_TOKEN -> text(value, true,
          "an activation token must be one line of printable text without spaces");
      case LICENSE_KEY -> licenseKey(value);
      case KEY_VALUE -> keyValue(value);
      case CERTIFICATE -> Certificates.parse(value, importPassword);
      case SSH_KEY -> {
        utf8(value);
        yield SshKeys.parse(value);
      }
    };
    if (type != SecretType.CERTIFICATE && expires != null) {
      return new Parsed(parsed.value(), expires, parsed.attributes());
    }
    return parsed;
  }

  static boolean looksLikePem(byte[] value) {
    int i = 0;
    while (i < value.length && (value[i] == ' ' || value[i] == '\t' || value[i] == '\r' || value[i] == '\n')) {
      i++;
    }
    byte[] begin = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    return value.length - i >= begin.length && Arrays.equals(value, i, i + begin.length, begin, 0, begin.length);
  }

  private static Parsed text(byte[] value, boolean noSpaces, String rule) {
    CharBuffer chars = utf8(value);
    try {
      while (chars.hasRemaining()) {
        char c = chars.get();
        if (Character.isISOControl(c) || noSpaces && Character.isWhitespace(c)) {
          throw new InvalidInputException("value: " + rule);
        }
      }
    } finally {
      wipe(chars);
    }
    return new Parsed(value, null, Map.of());
  }

  private static Parsed licenseKey(byte[] value) {
    if (value.length < 4 || value.length > 128) {
      throw new InvalidInputException("value: a license key is 4-128 letters, digits, '-', '_' or '.'");
    }
    for (byte b : value) {
      if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_' || b == '.')) {
        throw new InvalidInputException("value: a license key is 4-128 letters, digits, '-', '_' or '.'");
      }
    }
    return new Parsed(value, null, Map.of());
  }

  private static Parsed keyValue(byte[] value) {
    Map<String, String> map = keyValues(value);
    String keys = String.join(",", new TreeMap<>(map).keySet());
    map.replaceAll((k, v) -> "");
    return new Parsed(value, null, Map.of("keys", keys.length() <= 1000 ? keys : keys.substring(0, 999) + "…"));
  }

  /**
   * @return the entries of a JSON object whose values are all strings
   * @throws IllegalArgumentException {@code value: not a JSON object of strings}
   */
  static Map<String, String> keyValues(byte[] value) {
    String bad = "value: not a JSON object of strings (keys of 1-" + KEY_MAX + " characters)";
    Map<String, String> map = new LinkedHashMap<>();
    try (JsonParser p = JSON.getFactory().createParser(value)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException(bad);
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (key.isEmpty() || key.length() > KEY_MAX || p.nextToken() != JsonToken.VALUE_STRING
            || map.put(key, p.getText()) != null) {
          throw new InvalidInputException(bad);
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new InvalidInputException(bad);
      }
    } catch (IOException e) {
      throw new InvalidInputException(bad); // Jackson's message may quote the value
    }
    return map;
  }

  static CharBuffer utf8(byte[] value) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(value));
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("value: not valid UTF-8 text");
    }
  }

  static void wipe(CharBuffer chars) {
    if (chars.hasArray()) {
      Arrays.fill(chars.array(), '\0');
    }
  }

  /** Overwrites a value with zeros; null is fine. */
  static void wipe(byte[] value) {
    if (value != null) {
      Arrays.fill(value, (byte) 0);
    }
  }

  static String attributesToJson(Map<String, String> attributes) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(attributes));
    } catch (IOException e) {
      throw new IllegalStateException("attributes cannot be encoded", e);
    }
  }

  static Map<String, String> attributesFromJson(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
      });
    } catch (IOException e) {
      return Map.of("attributes", "unreadable");
    }
  }
}
