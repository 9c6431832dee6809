package dev.stoker.ignition.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * 8.3 file-based configuration: {@code data/config/resources/<collection>/<module>/<type>/<name>/}
 * holding the resource's files and a signed {@code resource.json}.
 */
public final class ConfigResources {

    private final Path dataDir;

    public ConfigResources(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path root() {
        return dataDir.resolve("config");
    }

    public Path folder(String collection, String module, String type, String name) {
        return root().resolve("resources").resolve(collection).resolve(module).resolve(type).resolve(name);
    }

    /** Writes the files and a resource.json signed over them, as the gateway does when it saves a resource. */
    public void write(Path folder, Map<String, byte[]> files, String actor) {
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(folder.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode resource = Json.object()
                .put("scope", "A")
                .put("version", 1)
                .put("restricted", false)
                .put("overridable", true);
        resource.putArray("files").addAll(files.keySet().stream().sorted()
                .map(Json.MAPPER.getNodeFactory()::textNode).toList());
        ObjectNode attributes = resource.putObject("attributes");
        attributes.putObject("lastModification")
                .put("actor", actor)
                .put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        attributes.put(ResourceSignature.ATTRIBUTE, ResourceSignature.compute(resource, files::get));
        Json.write(folder.resolve("resource.json"), resource);
    }

    /** Number of resource folders per collection, what a config scan reports having read. */
    public int countResources(List<String> collections) {
        int count = 0;
        for (String collection : collections) {
            Path dir = root().resolve("resources").resolve(collection);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var walk = Files.walk(dir)) {
                count += (int) walk.filter(p -> p.getFileName().toString().equals("resource.json")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return count;
    }
}
