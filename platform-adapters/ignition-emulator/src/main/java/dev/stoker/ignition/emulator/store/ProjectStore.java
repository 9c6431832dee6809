package dev.stoker.ignition.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.config.Settings.StaleSignaturePolicy;
import dev.stoker.ignition.emulator.config.Settings.ZipLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

/**
 * Projects as Ignition keeps them: {@code data/projects/<name>/project.json} plus one folder per
 * resource holding {@code resource.json} and the files it lists. An export is that folder zipped
 * with {@code project.json} at the root.
 */
public final class ProjectStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private final Path dataDir;
    private final StaleSignaturePolicy stalePolicy;
    private final ZipLimits limits;

    public ProjectStore(Path dataDir, StaleSignaturePolicy stalePolicy, ZipLimits limits) {
        this.dataDir = dataDir;
        this.stalePolicy = stalePolicy;
        this.limits = limits;
    }

    /** What a scan or import found; resources with stale signatures are re-signed or skipped by policy. */
    public record ScanResult(int projects, int resources, int resigned, List<String> skipped) {
    }

    public Path projectsDir() {
        return dataDir.resolve("projects");
    }

    public List<String> names() {
        if (!Files.isDirectory(projectsDir())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(projectsDir())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("project.json")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each project's project.json with its name added, the shape of the REST {@code projects/list}. */
    public List<ObjectNode> list() {
        List<ObjectNode> projects = new ArrayList<>();
        for (String name : names()) {
            ObjectNode info = Json.object().put("name", name);
            JsonNode manifest = Json.read(projectsDir().resolve(name).resolve("project.json"));
            if (manifest.isObject()) {
                info.setAll((ObjectNode) manifest);
            }
            projects.add(info);
        }
        return projects;
    }

    public void exportZip(String name, OutputStream out) {
        Path project = existing(name);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            SafeZip.addTree(zip, project, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unpacks an export into place. Nothing reaches {@code data/projects} unless the whole archive
     * is valid: it is unpacked and checked in a staging folder, then renamed over the target.
     */
    public ScanResult importZip(String name, InputStream zip, boolean overwrite) {
        checkName(name);
        Path target = projectsDir().resolve(name);
        if (Files.exists(target) && !overwrite) {
            throw ApiException.conflict("project '" + name + "' already exists; import with overwrite=true to replace it");
        }
        Path staging = FileTrees.newStagingDir(dataDir);
        try {
            SafeZip.extract(zip, staging, limits);
            Path manifest = staging.resolve("project.json");
            if (!Files.isRegularFile(manifest)) {
                throw ApiException.badRequest("not a project export: project.json missing at the archive root");
            }
            if (!Json.read(manifest).isObject()) {
                throw ApiException.badRequest("project.json must be a JSON object");
            }
            ScanResult result = verifyResources(staging);
            FileTrees.replace(staging, target);
            Log.info("ProjectManager", "Imported project '" + name + "' (" + result.resources() + " resources)");
            return result;
        } finally {
            FileTrees.delete(staging);
        }
    }

    /** The equivalent of the gateway's project scan: reads every resource from disk and checks its signature. */
    public ScanResult scan() {
        List<String> names = names();
        int resources = 0;
        int resigned = 0;
        List<String> skipped = new ArrayList<>();
        for (String name : names) {
            ScanResult one = verifyResources(projectsDir().resolve(name));
            resources += one.resources();
            resigned += one.resigned();
            one.skipped().forEach(s -> skipped.add(name + "/" + s));
        }
        return new ScanResult(names.size(), resources, resigned, skipped);
    }

    private ScanResult verifyResources(Path project) {
        List<Path> resourceFiles;
        try (Stream<Path> walk = Files.walk(project)) {
            resourceFiles = walk.filter(p -> p.getFileName().toString().equals("resource.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int resigned = 0;
        List<String> skipped = new ArrayList<>();
        for (Path file : resourceFiles) {
            Path folder = file.getParent();
            String relative = project.relativize(folder).toString().replace('\\', '/');
            JsonNode resource = Json.read(file);
            if (!resource.isObject()) {
                throw ApiException.badRequest("resource.json of '" + relative + "' must be a JSON object");
            }
            String actual = signatureOf(folder, resource);
            String recorded = resource.path("attributes").path(ResourceSignature.ATTRIBUTE).asText("");
            if (actual.equals(recorded)) {
                continue;
            }
            if (stalePolicy == StaleSignaturePolicy.SKIP) {
                Log.warn("ProjectManager", "Skipping resource with a stale signature: " + relative);
                skipped.add(relative);
            } else {
                ObjectNode attributes = ((ObjectNode) resource).withObjectProperty("attributes");
                attributes.put(ResourceSignature.ATTRIBUTE, actual);
                Json.write(file, resource);
                resigned++;
            }
        }
        return new ScanResult(1, resourceFiles.size(), resigned, List.copyOf(skipped));
    }

    private static String signatureOf(Path folder, JsonNode resource) {
        try {
            return ResourceSignature.compute(resource, fileName -> readListedFile(folder, fileName));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid resource.json in '" + folder.getFileName() + "': " + e.getMessage());
        }
    }

    /** A listed file's bytes; names pointing outside the resource folder count as missing. */
    private static byte[] readListedFile(Path folder, String fileName) {
        Path file = folder.resolve(fileName).normalize();
        try {
            return file.startsWith(folder) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path existing(String name) {
        checkName(name);
        Path project = projectsDir().resolve(name);
        if (!Files.isRegularFile(project.resolve("project.json"))) {
            throw ApiException.notFound("project '" + name + "' not found");
        }
        return project;
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid project name '" + name + "': letters, digits, '_' and '-' only");
        }
    }
}
