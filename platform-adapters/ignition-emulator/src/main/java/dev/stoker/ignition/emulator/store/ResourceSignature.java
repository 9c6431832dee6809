package dev.stoker.ignition.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@code lastModificationSignature} of a project resource: SHA-256 (hex) over, in order, the
 * scope as a 32-bit big-endian bit mask (G=1, D=2, C=4), the documentation text when present, the
 * version as 32-bit big-endian, one byte each for locked, restricted and overridable, every file
 * (names sorted) as its name then its bytes, and every attribute but the signature (keys sorted) as
 * its key then its compact JSON text. Ignition refuses or rewrites resources whose signature does
 * not match, so every tool that writes resource files must recompute it.
 */
public final class ResourceSignature {

    public static final String ATTRIBUTE = "lastModificationSignature";

    private ResourceSignature() {
    }

    /**
     * @param resource the parsed resource.json
     * @param files    the content of each file named in {@code files}; a missing file counts as empty
     */
    public static String compute(JsonNode resource, Function<String, byte[]> files) {
        MessageDigest sha = sha256();
        sha.update(int32(scopeMask(resource.path("scope").asText("A"))));
        String documentation = resource.path("documentation").asText("");
        if (!documentation.isEmpty()) {
            sha.update(utf8(documentation));
        }
        sha.update(int32(resource.path("version").asInt(1)));
        sha.update(flag(resource.path("locked").asBoolean(false)));
        sha.update(flag(resource.path("restricted").asBoolean(false)));
        sha.update(flag(resource.path("overridable").asBoolean(true)));
        for (String name : sortedFileNames(resource)) {
            sha.update(utf8(name));
            byte[] content = files.apply(name);
            sha.update(content == null ? new byte[0] : content);
        }
        for (Map.Entry<String, JsonNode> attribute : signedAttributes(resource).entrySet()) {
            sha.update(utf8(attribute.getKey()));
            sha.update(utf8(Json.compact(attribute.getValue())));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Scope letters combine as bits; A is all three, N none. */
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

    private static List<String> sortedFileNames(JsonNode resource) {
        List<String> names = new ArrayList<>();
        resource.path("files").forEach(n -> names.add(n.asText()));
        names.sort(null);
        return names;
    }

    private static Map<String, JsonNode> signedAttributes(JsonNode resource) {
        // Natural (code point) order, as a Java TreeMap on the gateway would sort the keys.
        Map<String, JsonNode> sorted = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = resource.path("attributes").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals(ATTRIBUTE)) {
                sorted.put(field.getKey(), field.getValue());
            }
        }
        return sorted;
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] flag(boolean value) {
        return new byte[] {(byte) (value ? 1 : 0)};
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
