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
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

/**
 * Projects as Ignition keeps them: {@code data/projects/<name>/project.json} plus one folder per
 * resource holding {@code resource.json} and the files it lists. An export is that folder zipped
 * with {@code project.json} at the root.
 *
 * <p>Like the real gateway, which does not watch its files, the store keeps a <em>loaded</em> view
 * of the projects: what {@link #names()}, {@link #list()} and {@link #loaded(String)} report. It
 * changes only when the gateway starts or restarts ({@link #scan()}), on an import, and on a scan;
 * files written to {@code data/projects} in between stay invisible until the next scan.
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

    /**
     * A project as the gateway has it loaded.
     *
     * @param manifest its project.json
     * @param resources paths of the resources that loaded (stale ones skipped by policy are left out)
     */
    public record LoadedProject(String name, ObjectNode manifest, List<String> resources) {
        public LoadedProject {
            resources = List.copyOf(resources);
        }

        public boolean enabled() {
            return manifest.path("enabled").asBoolean(true);
        }

        public boolean hasPerspectiveViews() {
            return resources.stream().anyMatch(r -> r.startsWith(PERSPECTIVE_VIEWS));
        }
    }

    static final String PERSPECTIVE_VIEWS = "com.inductiveautomation.perspective/views/";

    private record Verified(ScanResult result, List<String> loaded) {
    }

    /** Replaced whole (copy on write) under {@code this}; read without locking. */
    private volatile SortedMap<String, LoadedProject> loaded = Collections.emptySortedMap();

    public Path projectsDir() {
        return dataDir.resolve("projects");
    }

    /** @return names of the loaded projects */
    public List<String> names() {
        return List.copyOf(loaded.keySet());
    }

    public Optional<LoadedProject> loaded(String name) {
        return Optional.ofNullable(loaded.get(name));
    }

    /** @return names of the project folders on disk, loaded or not */
    private List<String> namesOnDisk() {
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

    /** Each loaded project's project.json with its name added, the shape of the REST {@code projects/list}. */
    public List<ObjectNode> list() {
        List<ObjectNode> projects = new ArrayList<>();
        for (LoadedProject project : loaded.values()) {
            ObjectNode info = Json.object().put("name", project.name());
            info.setAll(project.manifest().deepCopy());
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
            JsonNode manifestJson = Json.read(manifest);
            if (!manifestJson.isObject()) {
                throw ApiException.badRequest("project.json must be a JSON object");
            }
            Verified verified = verifyResources(staging);
            FileTrees.replace(staging, target);
            load(new LoadedProject(name, (ObjectNode) manifestJson, verified.loaded()));
            Log.info("ProjectManager", "Imported project '" + name + "' (" + verified.result().resources() + " resources)");
            return verified.result();
        } finally {
            FileTrees.delete(staging);
        }
    }

    /**
     * The equivalent of the gateway's project scan: reads every project from disk, checks each resource's
     * signature and makes what it read the loaded view. A project that cannot be read (malformed JSON) is
     * logged and left unloaded, as the gateway logs and skips it; projects whose folder is gone are unloaded.
     */
    public ScanResult scan() {
        SortedMap<String, LoadedProject> found = new TreeMap<>();
        int resources = 0;
        int resigned = 0;
        List<String> skipped = new ArrayList<>();
        for (String name : namesOnDisk()) {
            Path folder = projectsDir().resolve(name);
            try {
                JsonNode manifest = Json.read(folder.resolve("project.json"));
                if (!manifest.isObject()) {
                    throw ApiException.badRequest("project.json must be a JSON object");
                }
                Verified one = verifyResources(folder);
                found.put(name, new LoadedProject(name, (ObjectNode) manifest, one.loaded()));
                resources += one.result().resources();
                resigned += one.result().resigned();
                one.result().skipped().forEach(s -> skipped.add(name + "/" + s));
            } catch (ApiException e) {
                Log.warn("ProjectManager", "Project '" + name + "' could not be loaded: " + e.getMessage());
                skipped.add(name);
            }
        }
        synchronized (this) {
            loaded = Collections.unmodifiableSortedMap(found);
        }
        Log.info("ProjectManager", "Project scan loaded " + found.size() + " projects");
        return new ScanResult(found.size(), resources, resigned, List.copyOf(skipped));
    }

    private synchronized void load(LoadedProject project) {
        SortedMap<String, LoadedProject> next = new TreeMap<>(loaded);
        next.put(project.name(), project);
        loaded = Collections.unmodifiableSortedMap(next);
    }

    private Verified verifyResources(Path project) {
        List<Path> resourceFiles;
        try (Stream<Path> walk = Files.walk(project)) {
            resourceFiles = walk.filter(p -> p.getFileName().toString().equals("resource.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int resigned = 0;
        List<String> skipped = new ArrayList<>();
        List<String> good = new ArrayList<>();
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
                good.add(relative);
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
                good.add(relative);
            }
        }
        return new Verified(new ScanResult(1, resourceFiles.size(), resigned, List.copyOf(skipped)), good);
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
        if (!loaded.containsKey(name) || !Files.isRegularFile(project.resolve("project.json"))) {
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
