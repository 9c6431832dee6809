package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code lastModificationSignature} of a project resource, as public sources describe it
 * (mussonindustrial/pyro {@code pyro-resource-signature}): SHA-256, hex, over the scope as a 32-bit
 * big-endian bit mask (G=1, D=2, C=4, A=all), the documentation when present, the version as 32-bit
 * big-endian, one byte each for locked, restricted, overridable, each listed file (names sorted) as name
 * then bytes, each attribute but the signature (keys sorted) as key then compact JSON.
 */
final class ResourceSignatures {

  static final String SIGNATURE = "lastModificationSignature";
  static final String MODIFICATION = "lastModification";

  private ResourceSignatures() {
  }

  /**
   * @param resource parsed resource.json
   * @param files listed file name → bytes; a missing file counts as empty
   */
  static String compute(JsonNode resource, Map<String, byte[]> files) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    sha.update(int32(scopeMask(resource.path("scope").asText("A"))));
    String documentation = resource.path("documentation").asText("");
    if (!documentation.isEmpty()) {
      sha.update(documentation.getBytes(StandardCharsets.UTF_8));
    }
    sha.update(int32(resource.path("version").asInt(1)));
    sha.update(flag(resource.path("locked").asBoolean(false)));
    sha.update(flag(resource.path("restricted").asBoolean(false)));
    sha.update(flag(resource.path("overridable").asBoolean(true)));
    List<String> names = new ArrayList<>();
    resource.path("files").forEach(n -> names.add(n.asText()));
    names.sort(null);
    for (String name : names) {
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update(files.getOrDefault(name, new byte[0]));
    }
    Map<String, JsonNode> attributes = new TreeMap<>();
    resource.path("attributes").fields().forEachRemaining(f -> {
      if (!f.getKey().equals(SIGNATURE)) {
        attributes.put(f.getKey(), f.getValue());
      }
    });
    attributes.forEach((key, value) -> {
      sha.update(key.getBytes(StandardCharsets.UTF_8));
      sha.update(NormalJson.compact(value).getBytes(StandardCharsets.UTF_8));
    });
    return HexFormat.of().formatHex(sha.digest());
  }

  static int scopeMask(String scope) {
    int mask = 0;
    for (char c : scope.toCharArray()) {
      mask |= switch (c) {
        case 'N' -> 0;
        case 'G' -> 1;
        case 'D' -> 2;
        case 'C' -> 4;
        case 'A' -> 7;
        default -> throw new IllegalArgumentException("unknown resource scope letter '" + c + "' in " + scope);
      };
    }
    return mask;
  }

  private static byte[] int32(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  private static byte[] flag(boolean value) {
    return new byte[] {(byte) (value ? 1 : 0)};
  }
}
