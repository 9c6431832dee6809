package dev.stoker.ignition.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.store.TagStore.CollisionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagStoreTest {

    private static final String EXPORT = """
            {"name":"","tagType":"Provider","tags":[
              {"name":"Line1","tagType":"Folder","tags":[
                {"name":"Speed","tagType":"AtomicTag","valueSource":"memory","dataType":"Float8","value":1.5},
                {"name":"Count","tagType":"AtomicTag","valueSource":"memory","dataType":"Int4","value":3}]},
              {"name":"_types_","tagType":"Folder","tags":[
                {"name":"Motor","tagType":"UdtType","tags":[{"name":"Amps","tagType":"AtomicTag","dataType":"Float4"}]}]}]}
            """;

    @TempDir
    Path data;

    @Test
    void storesTheProviderWhere83KeepsItWithASignedResource() throws Exception {
        TagStore tags = new TagStore(new ConfigResources(data));
        tags.importTags("default", "", json(EXPORT), CollisionPolicy.ABORT, "test");

        Path folder = data.resolve("config/resources/core/ignition/tag-definition/default");
        JsonNode stored = Json.read(folder.resolve("tags.json"));
        assertEquals("Provider", stored.get("tagType").asText());
        assertEquals("Line1", stored.get("tags").get(0).get("name").asText());
        JsonNode resource = Json.read(folder.resolve("resource.json"));
        byte[] content = Files.readAllBytes(folder.resolve("tags.json"));
        assertEquals(ResourceSignature.compute(resource, name -> content),
                resource.path("attributes").path("lastModificationSignature").asText());
    }

    @Test
    void exportsASubtreeRecursivelyOrOneLevel() {
        TagStore tags = new TagStore(new ConfigResources(data));
        tags.importTags("default", "", json(EXPORT), CollisionPolicy.ABORT, "test");

        JsonNode line = tags.export("default", "Line1", true);
        assertEquals(2, line.get("tags").size());
        JsonNode shallow = tags.export("default", "", false);
        assertFalse(shallow.get("tags").get(0).has("tags"));
        assertEquals(404, assertThrows(ApiException.class, () -> tags.export("default", "Nope", true)).status());
        assertEquals(404, assertThrows(ApiException.class, () -> tags.export("other", "", true)).status());
    }

    @Test
    void abortRefusesTheWholeImportOnAnyCollision() {
        TagStore tags = new TagStore(new ConfigResources(data));
        tags.importTags("default", "", json(EXPORT), CollisionPolicy.ABORT, "test");
        String twoTags = "[{\"name\":\"New\",\"tagType\":\"AtomicTag\"},{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":[]}]";

        assertEquals(409, assertThrows(ApiException.class,
                () -> tags.importTags("default", "", json(twoTags), CollisionPolicy.ABORT, "test")).status());
        assertEquals(404, assertThrows(ApiException.class, () -> tags.export("default", "New", true)).status(),
                "nothing written on abort");
    }

    @Test
    void overwriteReplacesTheWholeTag() {
        TagStore tags = new TagStore(new ConfigResources(data));
        tags.importTags("default", "", json(EXPORT), CollisionPolicy.ABORT, "test");
        tags.importTags("default", "", json("{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":[{\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":9}]}"),
                CollisionPolicy.OVERWRITE, "test");

        JsonNode line = tags.export("default", "Line1", true);
        assertEquals(1, line.get("tags").size());
        assertEquals(9, line.get("tags").get(0).get("value").asInt());
        assertFalse(line.get("tags").get(0).has("dataType"));
    }

    @Test
    void mergeOverwriteKeepsWhatTheImportDoesNotMention() {
        TagStore tags = new TagStore(new ConfigResources(data));
        tags.importTags("default", "", json(EXPORT), CollisionPolicy.ABORT, "test");
        var results = tags.importTags("default", "", json("{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":["
                + "{\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"value\":9},"
                + "{\"name\":\"Temp\",\"tagType\":\"AtomicTag\",\"dataType\":\"Float4\"}]}"), CollisionPolicy.MERGEOVERWRITE, "test");

        assertEquals("merged", results.get(0).outcome());
        JsonNode line = tags.export("default", "Line1", true);
        assertEquals(3, line.get("tags").size());
        JsonNode speed = tags.export("default", "Line1/Speed", true);
        assertEquals(9, speed.get("value").asInt());
        assertEquals("Float8", speed.get("dataType").asText(), "kept from the existing tag");
    }

    @Test
    void importsIntoAPathCreatingFolders() {
        TagStore tags = new TagStore(new ConfigResources(data));
        tags.importTags("plant", "Area/Line2", json("{\"name\":\"Speed\",\"tagType\":\"AtomicTag\"}"), CollisionPolicy.ABORT, "t");
        assertEquals("AtomicTag", tags.export("plant", "Area/Line2/Speed", true).get("tagType").asText());
    }

    @Test
    void refusesMalformedTags() {
        TagStore tags = new TagStore(new ConfigResources(data));
        for (String bad : new String[] {"[]", "[{\"tagType\":\"AtomicTag\"}]", "[{\"name\":\"a/b\",\"tagType\":\"AtomicTag\"}]",
                "[{\"name\":\"a\"}]", "[{\"name\":\"a\",\"tagType\":\"Folder\",\"tags\":{}}]", "[1]"}) {
            ApiException e = assertThrows(ApiException.class,
                    () -> tags.importTags("default", "", json(bad), CollisionPolicy.ABORT, "t"), bad);
            assertEquals(400, e.status(), bad);
        }
        assertTrue(Files.notExists(data.resolve("config")), "nothing written");
        assertEquals(400, assertThrows(ApiException.class, () -> CollisionPolicy.parse("Replace")).status());
        assertEquals(CollisionPolicy.MERGEOVERWRITE, CollisionPolicy.parse("MergeOverwrite"));
    }

    private static JsonNode json(String text) {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
