package dev.stoker.ignition.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.config.Settings.ZipLimits;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeZipTest {

    private static final ZipLimits LIMITS = new ZipLimits(1 << 20, 1 << 20, 10);

    @TempDir
    Path target;

    @Test
    void extractsNestedEntries() throws Exception {
        SafeZip.extract(in(Zips.of("a/b/c.txt", "hello", "top.json", "{}")), target, LIMITS);
        assertEquals("hello", Files.readString(target.resolve("a/b/c.txt")));
        assertTrue(Files.isRegularFile(target.resolve("top.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "a/../../evil.txt", "/etc/evil.txt", "a\\..\\evil.txt", "C:/evil.txt", ".."})
    void refusesEntriesThatLeaveTheTarget(String name) {
        ApiException e = assertThrows(ApiException.class,
                () -> SafeZip.extract(in(Zips.of(name, "x")), target, LIMITS));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("unsafe entry name"), e.getMessage());
        assertFalse(Files.exists(target.getParent().resolve("evil.txt")));
    }

    @Test
    void stopsInflatingPastTheByteLimit() {
        // 8 MB of zeros compress to a few kB: the header-declared size is not trusted, bytes are counted.
        byte[] bomb = Zips.of(Map.of("zeros.bin", new byte[8 << 20]));
        assertTrue(bomb.length < 64 * 1024);
        ApiException e = assertThrows(ApiException.class, () -> SafeZip.extract(in(bomb), target, LIMITS));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("expands to more than"), e.getMessage());
    }

    @Test
    void limitsTheNumberOfEntries() {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            many.put("f" + i, new byte[] {1});
        }
        ApiException e = assertThrows(ApiException.class, () -> SafeZip.extract(in(Zips.of(many)), target, LIMITS));
        assertTrue(e.getMessage().contains("more than 10 entries"), e.getMessage());
    }

    @Test
    void refusesBytesThatAreNoZip() {
        ApiException e = assertThrows(ApiException.class,
                () -> SafeZip.extract(in("this is not a zip".getBytes()), target, LIMITS));
        assertEquals(400, e.status());
    }

    @Test
    void refusesATruncatedArchive() {
        byte[] zip = Zips.of("a.txt", "some text that is long enough ".repeat(50));
        byte[] cut = java.util.Arrays.copyOf(zip, 60);
        ApiException e = assertThrows(ApiException.class, () -> SafeZip.extract(in(cut), target, LIMITS));
        assertEquals(400, e.status());
    }

    private static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
