package dev.stoker.ignition.emulator.http;

import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.store.FileTrees;
import dev.stoker.ignition.emulator.store.Json;
import dev.stoker.ignition.emulator.store.ProjectStore.ScanResult;
import dev.stoker.ignition.emulator.store.TagStore.CollisionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Projects, tags and backups over the REST API. Writes go straight to the data folder where a
 * scan of the real gateway would find them; one lock keeps a backup from reading a half-written import.
 */
final class DataRoutes {

    private static final String ZIP = "application/zip";
    private static final String OCTETS = "application/octet-stream";
    private static final long JSON_LIMIT = 16L << 20;

    private final Gateway gateway;
    private final RestApi api;
    private final Object dataLock = new Object();

    DataRoutes(Gateway gateway, RestApi api) {
        this.gateway = gateway;
        this.api = api;
    }

    void register(Router router) {
        api.get(router, "projects/list", call -> call.json(200, gateway.projects().list()));
        api.get(router, "projects/names", call -> call.json(200, gateway.projects().names()));
        api.get(router, "projects/export/{name}", this::exportProject);
        api.post(router, "projects/import/{name}", this::importProject);
        api.get(router, "tags/export", this::exportTags);
        api.post(router, "tags/import", this::importTags);
        api.get(router, "backup", this::downloadBackup);
        api.post(router, "backup", this::restoreBackup);
    }

    private void exportProject(Call call) throws IOException {
        String name = call.param("name");
        Path zip = tempFile();
        try {
            synchronized (dataLock) {
                try (OutputStream out = Files.newOutputStream(zip)) {
                    gateway.projects().exportZip(name, out);
                }
            }
            call.file(ZIP, zip, name + ".zip");
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private void importProject(Call call) throws IOException {
        call.requireContentType(ZIP, OCTETS, "application/x-zip-compressed");
        boolean overwrite = call.queryFlag("overwrite", false);
        ScanResult result;
        try (InputStream body = call.body(gateway.settings().behaviour().zipLimits().maxUploadBytes())) {
            synchronized (dataLock) {
                result = gateway.projects().importZip(call.param("name"), body, overwrite);
            }
        }
        call.json(200, Json.object()
                .put("name", call.param("name"))
                .put("resources", result.resources())
                .put("resigned", result.resigned())
                .putPOJO("skipped", result.skipped()));
    }

    private void exportTags(Call call) throws IOException {
        requireJsonType(call);
        var tags = gateway.tags().export(call.query("provider").orElse("default"), call.query("path").orElse(""),
                call.queryFlag("recursive", true));
        call.json(200, tags);
    }

    private void importTags(Call call) throws IOException {
        requireJsonType(call);
        CollisionPolicy policy = CollisionPolicy.parse(call.query("collisionPolicy").orElse("Abort"));
        var body = call.jsonBody(JSON_LIMIT);
        var results = gateway.tags().importTags(call.query("provider").orElse("default"), call.query("path").orElse(""),
                body, policy, "api");
        call.json(200, results);
    }

    private void downloadBackup(Call call) throws IOException {
        Path gwbk = tempFile();
        try {
            synchronized (dataLock) {
                try (OutputStream out = Files.newOutputStream(gwbk)) {
                    gateway.backup().write(out);
                }
            }
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmm"));
            call.file(OCTETS, gwbk, gateway.settings().gatewayName() + "_" + gateway.settings().version() + "_" + stamp + ".gwbk");
        } finally {
            Files.deleteIfExists(gwbk);
        }
    }

    /** Restoring replaces the gateway's data and, as on the real gateway, restarts it. */
    private void restoreBackup(Call call) throws IOException {
        call.requireContentType(OCTETS, ZIP);
        try (InputStream body = call.body(gateway.settings().behaviour().zipLimits().maxUploadBytes())) {
            synchronized (dataLock) {
                gateway.backup().restore(body);
            }
        }
        call.json(200, Json.object().put("restored", true).put("restarting", true));
        gateway.restart();
    }

    /** The emulator keeps tags as JSON only; an XML export or import is refused rather than faked. */
    private static void requireJsonType(Call call) {
        String type = call.query("type").orElse("json");
        if (!type.equalsIgnoreCase("json")) {
            throw ApiException.badRequest("type '" + type + "' is not supported by the emulator; use type=json");
        }
    }

    private Path tempFile() throws IOException {
        Path dir = Files.createDirectories(FileTrees.stagingRoot(gateway.settings().paths().data()));
        return Files.createTempFile(dir, "download-", ".tmp");
    }
}
