package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a side of a change or conflict is written: JSON as compact text, a whole file as its text, or as
 * {@code sha256:<hex> (<n> bytes)} when it is binary (UTF-8 with a NUL, or not UTF-8).
 */
final class ShownValues {
  private ShownValues() {
  }

  /** @return the text of UTF-8 bytes without NUL, else {@code null} */
  static String text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A whole file as a conflict shows it: its text, or its checksum when binary. */
  static String show(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    String text = text(bytes);
    return text != null ? text : describe(bytes);
  }

  static String describe(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " ("
          + bytes.length + " bytes)";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String compact(JsonNode node) {
    return node == null ? null : NormalJson.compact(node);
  }
}
