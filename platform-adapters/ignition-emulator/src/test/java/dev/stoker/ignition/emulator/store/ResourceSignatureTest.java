package dev.stoker.ignition.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceSignatureTest {

    /** Files and attributes deliberately out of order, and a stale signature that must not count. */
    private static final String RESOURCE = """
            {"scope":"DG","documentation":"Shows the line","version":2,"locked":true,"restricted":false,
             "overridable":true,"files":["b.txt","a.json"],
             "attributes":{"lastModificationSignature":"stale",
                           "lastModification":{"actor":"admin","timestamp":"2024-05-06T07:08:09Z"},
                           "custom":[1,"two"]}}
            """;
    private static final Map<String, byte[]> FILES = Map.of(
            "a.json", "{\"x\":1}".getBytes(StandardCharsets.UTF_8),
            "b.txt", "café\n".getBytes(StandardCharsets.UTF_8));

    /** Computed outside Java (Python hashlib + struct) from the documented algorithm. */
    private static final String EXTERNAL_VECTOR = "5120caaf313b4ae636a9e1896f00a940ca761ab266db42dc0c77d32348a32335";

    @Test
    void matchesAnIndependentlyComputedVector() {
        assertEquals(EXTERNAL_VECTOR, ResourceSignature.compute(parse(RESOURCE), FILES::get));
    }

    @Test
    void matchesTheByteLayoutSpelledOutByHand() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(ByteBuffer.allocate(4).putInt(1 | 2).array());           // scope D|G
        expected.write("Shows the line".getBytes(StandardCharsets.UTF_8));      // documentation
        expected.write(ByteBuffer.allocate(4).putInt(2).array());               // version
        expected.write(new byte[] {1, 0, 1});                                   // locked, restricted, overridable
        expected.write("a.json{\"x\":1}".getBytes(StandardCharsets.UTF_8));     // files by sorted name
        expected.write("b.txtcafé\n".getBytes(StandardCharsets.UTF_8));
        expected.write("custom[1,\"two\"]".getBytes(StandardCharsets.UTF_8));   // attributes by sorted key
        expected.write("lastModification{\"actor\":\"admin\",\"timestamp\":\"2024-05-06T07:08:09Z\"}"
                .getBytes(StandardCharsets.UTF_8));
        String hand = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));

        assertEquals(hand, ResourceSignature.compute(parse(RESOURCE), FILES::get));
    }

    @Test
    void changesWhenAFileChanges() {
        String before = ResourceSignature.compute(parse(RESOURCE), FILES::get);
        String after = ResourceSignature.compute(parse(RESOURCE),
                name -> name.equals("a.json") ? "{\"x\":2}".getBytes(StandardCharsets.UTF_8) : FILES.get(name));
        assertNotEquals(before, after);
    }

    @Test
    void ignoresTheRecordedSignature() {
        String other = RESOURCE.replace("\"stale\"", "\"something else\"");
        assertEquals(ResourceSignature.compute(parse(RESOURCE), FILES::get), ResourceSignature.compute(parse(other), FILES::get));
    }

    @Test
    void scopeLettersAreBits() {
        assertEquals(0, ResourceSignature.scopeMask("N"));
        assertEquals(1, ResourceSignature.scopeMask("G"));
        assertEquals(6, ResourceSignature.scopeMask("CD"));
        assertEquals(7, ResourceSignature.scopeMask("A"));
        assertThrows(IllegalArgumentException.class, () -> ResourceSignature.scopeMask("X"));
    }

    private static JsonNode parse(String json) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
