package dev.stoker.ignition.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.ignition.emulator.config.TestEnv;
import dev.stoker.ignition.emulator.store.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tag CI/CD module's routes on an emulated 8.1 gateway (no REST API there). */
class TagCicdHttpTest {

    private static final String EXPORT = "{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":["
            + "{\"name\":\"_types_\",\"tagType\":\"Folder\",\"tags\":[{\"name\":\"Motor\",\"tagType\":\"UdtType\","
            + "\"tags\":[{\"name\":\"Amps\",\"tagType\":\"AtomicTag\",\"dataType\":\"Float8\"}]}]},"
            + "{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":[{\"valueSource\":\"memory\",\"name\":\"Speed\","
            + "\"tagType\":\"AtomicTag\",\"dataType\":\"Int4\",\"value\":42}]},"
            + "{\"name\":\"Mode\",\"tagType\":\"AtomicTag\",\"dataType\":\"String\",\"value\":\"auto\"}]}";

    private RunningEmulator gateway;

    @TempDir
    Path install;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void importThenExportRoundTripsTagsWithSortedKeysAndQualityCodesPerTag() throws Exception {
        start("8.1.44");
        HttpResponse<String> imported = post("/data/tag-cicd/tags/import?provider=default&baseTagPath="
                + "&collisionPolicy=a&exportMode=singleFile", EXPORT);
        assertEquals(200, imported.statusCode(), imported.body());
        JsonNode created = Json.parse(imported.body().getBytes()).get("created_tags");
        assertEquals("Good", created.at("/[default]_types_~1Motor/0").asText(), imported.body());
        assertEquals("Good", created.at("/[default]Line1~1Speed/0").asText(), imported.body());
        assertEquals("Good", created.at("/[default]~1Mode/0").asText(), imported.body());

        JsonNode export = gateway.json("/data/tag-cicd/tags/export?provider=default&baseTagPath=&recursive=true", null);
        assertEquals("Provider", export.get("tagType").asText());
        JsonNode speed = find(export, "Line1").get("tags").get(0);
        assertEquals(42, speed.get("value").asInt());
        List<String> keys = new ArrayList<>();
        speed.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("dataType", "name", "tagType", "value", "valueSource"), keys, "keys sorted");
        assertEquals("Amps", find(find(export, "_types_"), "Motor").at("/tags/0/name").asText());

        JsonNode flat = gateway.json("/data/tag-cicd/tags/export?provider=default", null);
        assertFalse(find(flat, "Line1").has("tags"), "recursive is false unless asked");
    }

    @Test
    void collisionPoliciesAbortOverwriteAndDelete() throws Exception {
        start("8.1.44");
        post("/data/tag-cicd/tags/import?collisionPolicy=a&exportMode=singleFile", EXPORT);
        String changed = EXPORT.replace("\"value\":42", "\"value\":7")
                .replace(",{\"name\":\"Mode\",\"tagType\":\"AtomicTag\",\"dataType\":\"String\",\"value\":\"auto\"}", "");

        HttpResponse<String> abort = post("/data/tag-cicd/tags/import?collisionPolicy=a&exportMode=singleFile", changed);
        assertEquals(200, abort.statusCode());
        assertTrue(abort.body().contains("Bad_Failure"), abort.body());
        assertEquals(42, speed());

        assertEquals(200, post("/data/tag-cicd/tags/import?collisionPolicy=o&exportMode=singleFile", changed).statusCode());
        assertEquals(7, speed());
        JsonNode kept = gateway.json("/data/tag-cicd/tags/export?recursive=true", null);
        assertTrue(find(kept, "Mode") != null, "overwrite keeps tags the import does not name");

        HttpResponse<String> delete = post("/data/tag-cicd/tags/import?collisionPolicy=d&exportMode=singleFile", changed);
        assertTrue(delete.body().contains("deleted_tags"), delete.body());
        JsonNode after = gateway.json("/data/tag-cicd/tags/export?recursive=true", null);
        assertEquals(null, find(after, "Mode"), "d removes what the import does not carry");
        assertEquals(7, speed());
    }

    @Test
    void failuresAnswer500WithTheErrorAndThe83GatewayHasNoModule() throws Exception {
        start("8.1.44");
        HttpResponse<String> noMode = post("/data/tag-cicd/tags/import?collisionPolicy=a", EXPORT);
        assertEquals(500, noMode.statusCode());
        assertEquals("exportMode parameter is required", Json.parse(noMode.body().getBytes()).get("error").asText());
        assertEquals(500, post("/data/tag-cicd/tags/import?collisionPolicy=z&exportMode=singleFile", EXPORT)
                .statusCode());
        assertEquals(500, post("/data/tag-cicd/tags/import?exportMode=singleFile", "").statusCode());
        gateway.close();
        gateway = null;
        start("8.3.4");
        assertEquals(404, gateway.get("/data/tag-cicd/tags/export", null).statusCode());
    }

    private int speed() throws Exception {
        return find(gateway.json("/data/tag-cicd/tags/export?recursive=true", null), "Line1").at("/tags/0/value").asInt();
    }

    private static JsonNode find(JsonNode folder, String name) {
        for (JsonNode child : folder.path("tags")) {
            if (child.path("name").asText().equals(name)) {
                return child;
            }
        }
        return null;
    }

    private void start(String version) {
        gateway = new RunningEmulator(TestEnv.base(install, version));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return gateway.postJson(path, "none:none", body);
    }
}
