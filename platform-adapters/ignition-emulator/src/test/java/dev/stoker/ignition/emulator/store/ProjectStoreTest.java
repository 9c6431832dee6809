package dev.stoker.ignition.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.config.Settings.StaleSignaturePolicy;
import dev.stoker.ignition.emulator.config.Settings.ZipLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectStoreTest {

    private static final ZipLimits LIMITS = new ZipLimits(1 << 20, 4 << 20, 100);

    @TempDir
    Path data;

    @Test
    void importPutsTheProjectWhereTheGatewayLooksAndLoadsIt() throws Exception {
        ProjectStore store = store(StaleSignaturePolicy.RESIGN);
        store.importZip("Demo", in(Zips.project("Demo", "x = 1\n", "stale")), false);

        Path project = data.resolve("projects/Demo");
        assertTrue(Files.isRegularFile(project.resolve("project.json")));
        assertEquals("x = 1\n", Files.readString(project.resolve("ignition/script-python/util/code.py")));
        assertEquals(List.of("Demo"), store.names());
        assertEquals("Demo", store.list().get(0).get("title").asText());
        assertEquals(List.of("ignition/script-python/util"), store.loaded("Demo").orElseThrow().resources());
    }

    @Test
    void filesOnDiskLoadOnlyWithAScan() throws Exception {
        ProjectStore store = store(StaleSignaturePolicy.RESIGN);
        Zips.write(data.resolve("projects/Plant"), Zips.perspectiveProject("Plant", true, "{\"root\":{}}"));
        assertEquals(List.of(), store.names(), "the gateway does not watch its files");

        store.scan();
        assertEquals(List.of("Plant"), store.names());
        assertTrue(store.loaded("Plant").orElseThrow().hasPerspectiveViews());

        FileTrees.delete(data.resolve("projects/Plant/com.inductiveautomation.perspective"));
        assertTrue(store.loaded("Plant").orElseThrow().hasPerspectiveViews(), "still the loaded view until a scan");
        store.scan();
        assertFalse(store.loaded("Plant").orElseThrow().hasPerspectiveViews());

        FileTrees.delete(data.resolve("projects/Plant"));
        store.scan();
        assertEquals(List.of(), store.names(), "a project removed from disk is unloaded by the next scan");
    }

    @Test
    void aScanSkipsAProjectItCannotRead() throws Exception {
        ProjectStore store = store(StaleSignaturePolicy.RESIGN);
        Zips.write(data.resolve("projects/Good"), Zips.perspectiveProject("Good", true, "{}"));
        Zips.write(data.resolve("projects/Bad"), Map.of("project.json", "{not json"));

        var result = store.scan();
        assertEquals(List.of("Good"), store.names());
        assertEquals(List.of("Bad"), result.skipped());
    }

    @Test
    void resignsStaleResourcesSoTheyMatchTheirFiles() {
        var result = store(StaleSignaturePolicy.RESIGN).importZip("Demo", in(Zips.project("Demo", "x = 1\n", "stale")), false);
        assertEquals(1, result.resigned());

        Path folder = data.resolve("projects/Demo/ignition/script-python/util");
        var resource = Json.read(folder.resolve("resource.json"));
        String expected = ResourceSignature.compute(resource, name -> "x = 1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, resource.path("attributes").path("lastModificationSignature").asText());
        assertEquals(0, store(StaleSignaturePolicy.RESIGN).scan().resigned(), "a second scan finds nothing to fix");
    }

    @Test
    void skipPolicyReportsStaleResourcesAndLeavesThem() {
        var result = store(StaleSignaturePolicy.SKIP).importZip("Demo", in(Zips.project("Demo", "x = 1\n", "stale")), false);
        assertEquals(List.of("ignition/script-python/util"), result.skipped());
        ProjectStore fresh = store(StaleSignaturePolicy.SKIP);
        assertEquals(List.of("Demo/ignition/script-python/util"), fresh.scan().skipped());
        assertEquals(List.of(), fresh.loaded("Demo").orElseThrow().resources(), "a skipped resource is not loaded");
    }

    @Test
    void exportHasProjectJsonAtTheRoot() {
        ProjectStore store = store(StaleSignaturePolicy.RESIGN);
        store.importZip("Demo", in(Zips.project("Demo", "x = 1\n", "stale")), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.exportZip("Demo", out);

        Map<String, byte[]> entries = Zips.read(out.toByteArray());
        assertEquals(List.of("ignition/script-python/util/code.py", "ignition/script-python/util/resource.json", "project.json"),
                List.copyOf(entries.keySet()));
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws Exception {
        ProjectStore store = store(StaleSignaturePolicy.RESIGN);
        store.importZip("Demo", in(Zips.project("Demo", "x = 1\n", "s")), false);

        ApiException e = assertThrows(ApiException.class,
                () -> store.importZip("Demo", in(Zips.project("Demo", "x = 2\n", "s")), false));
        assertEquals(409, e.status());

        store.importZip("Demo", in(Zips.project("Demo", "x = 2\n", "s")), true);
        assertEquals("x = 2\n", Files.readString(data.resolve("projects/Demo/ignition/script-python/util/code.py")));
    }

    @Test
    void badArchivesWriteNothing() {
        ProjectStore store = store(StaleSignaturePolicy.RESIGN);
        assertEquals(400, assertThrows(ApiException.class,
                () -> store.importZip("Demo", in(Zips.of("views/a.json", "{}")), false)).status(), "no project.json");
        assertEquals(400, assertThrows(ApiException.class,
                () -> store.importZip("Demo", in(Zips.of("project.json", "{not json")), false)).status(), "malformed JSON");
        assertEquals(400, assertThrows(ApiException.class,
                () -> store.importZip("Demo", in(Zips.of("project.json", "{}", "../x", "y")), false)).status(), "zip slip");
        assertEquals(400, assertThrows(ApiException.class,
                () -> store.importZip("../Demo", in(Zips.project("D", "", "")), false)).status(), "bad name");
        assertFalse(Files.exists(data.resolve("projects/Demo")));
        assertEquals(List.of(), store.names());
    }

    @Test
    void exportOfAnUnknownProjectIs404() {
        assertEquals(404, assertThrows(ApiException.class,
                () -> store(StaleSignaturePolicy.RESIGN).exportZip("Nope", new ByteArrayOutputStream())).status());
    }

    private ProjectStore store(StaleSignaturePolicy policy) {
        return new ProjectStore(data, policy, LIMITS);
    }

    private static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
