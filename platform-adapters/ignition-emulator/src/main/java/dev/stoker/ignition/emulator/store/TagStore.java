package dev.stoker.ignition.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tag providers in Ignition's JSON export format, stored where 8.3 keeps them:
 * {@code config/resources/core/ignition/tag-definition/<provider>/tags.json}. Folders and UDT
 * instances hold children under {@code tags}; UDT definitions sit in the {@code _types_} folder.
 */
public final class TagStore {

    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_ -]*");
    private static final String DEFAULT_PROVIDER = "default";

    private final ConfigResources config;

    public TagStore(ConfigResources config) {
        this.config = config;
    }

    /** How an import treats a tag whose name already exists at the target path. */
    public enum CollisionPolicy {
        /** Refuse the whole import; nothing is written. */
        ABORT,
        /** Replace the existing tag by the imported one. */
        OVERWRITE,
        /** Keep the existing tag, overwrite the properties the import carries, merge children by name. */
        MERGEOVERWRITE;

        public static CollisionPolicy parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("collisionPolicy must be Abort, Overwrite or MergeOverwrite, got '" + text + "'");
            }
        }
    }

    /** One imported top-level tag and what happened to it. */
    public record ImportResult(String path, String outcome) {
    }

    public synchronized JsonNode export(String provider, String path, boolean recursive) {
        ObjectNode node = find(load(existingProvider(provider)), path)
                .orElseThrow(() -> ApiException.notFound("no tag at path '" + path + "' in provider '" + provider + "'"));
        ObjectNode copy = node.deepCopy();
        if (!recursive) {
            copy.path("tags").forEach(child -> ((ObjectNode) child).remove("tags"));
        }
        return copy;
    }

    public synchronized List<ImportResult> importTags(String provider, String path, JsonNode body, CollisionPolicy policy,
                                                      String actor) {
        checkProvider(provider);
        List<ObjectNode> incoming = incomingTags(body);
        ObjectNode root = load(provider);
        ObjectNode folder = folderAt(root, path);
        ArrayNode children = folder.withArrayProperty("tags");
        if (policy == CollisionPolicy.ABORT) {
            for (ObjectNode tag : incoming) {
                if (childNamed(children, tag.get("name").asText()) != null) {
                    throw ApiException.conflict("tag '" + join(path, tag.get("name").asText())
                            + "' already exists and collisionPolicy is Abort; nothing was imported");
                }
            }
        }
        List<ImportResult> results = new ArrayList<>();
        for (ObjectNode tag : incoming) {
            String name = tag.get("name").asText();
            ObjectNode existing = childNamed(children, name);
            String outcome;
            if (existing == null) {
                children.add(tag);
                outcome = "created";
            } else if (policy == CollisionPolicy.OVERWRITE) {
                existing.removeAll();
                existing.setAll(tag);
                outcome = "overwritten";
            } else {
                merge(existing, tag);
                outcome = "merged";
            }
            results.add(new ImportResult(join(path, name), outcome));
        }
        save(provider, root, actor);
        return results;
    }

    /** @return whether a tag or folder exists at {@code path} of the provider */
    public synchronized boolean exists(String provider, String path) {
        checkProvider(provider);
        return find(load(provider), path).isPresent();
    }

    /**
     * Removes every tag under the folder at {@code path} (the provider's root for an empty path); the UDT
     * definitions in {@code _types_} go too, the {@code _types_} folder itself stays.
     *
     * @return how many tags and folders were removed, counted at the level removed
     */
    public synchronized int clear(String provider, String path, String actor) {
        checkProvider(provider);
        ObjectNode root = load(provider);
        ObjectNode folder = find(root, path).orElse(null);
        if (folder == null || !(folder.get("tags") instanceof ArrayNode children)) {
            return 0;
        }
        int removed = 0;
        for (int i = children.size() - 1; i >= 0; i--) {
            JsonNode child = children.get(i);
            if (path.isEmpty() && child.path("name").asText().equals("_types_") && child.get("tags") instanceof ArrayNode types) {
                removed += types.size();
                types.removeAll();
            } else {
                children.remove(i);
                removed++;
            }
        }
        save(provider, root, actor);
        return removed;
    }

    public Path providerFolder(String provider) {
        return config.folder("core", "ignition", "tag-definition", provider);
    }

    private String existingProvider(String provider) {
        checkProvider(provider);
        if (!provider.equals(DEFAULT_PROVIDER) && !Files.isRegularFile(providerFolder(provider).resolve("tags.json"))) {
            throw ApiException.notFound("tag provider '" + provider + "' not found");
        }
        return provider;
    }

    private ObjectNode load(String provider) {
        Path file = providerFolder(provider).resolve("tags.json");
        if (!Files.isRegularFile(file)) {
            ObjectNode empty = Json.object().put("name", "").put("tagType", "Provider");
            empty.putArray("tags");
            return empty;
        }
        JsonNode stored = Json.read(file);
        if (!stored.isObject()) {
            throw new IllegalStateException("tags.json of provider " + provider + " is not a JSON object");
        }
        return (ObjectNode) stored;
    }

    private void save(String provider, ObjectNode root, String actor) {
        config.write(providerFolder(provider), Map.of("tags.json", Json.pretty(root)), actor);
    }

    /** Accepts a full export ({"tagType":"Provider","tags":[…]}), an array of tags, or one tag. */
    private static List<ObjectNode> incomingTags(JsonNode body) {
        JsonNode list;
        if (body.isArray()) {
            list = body;
        } else if (body.isObject() && (body.path("tagType").asText().equals("Provider") || !body.has("name"))) {
            list = body.path("tags");
        } else {
            list = Json.MAPPER.createArrayNode().add(body);
        }
        if (!list.isArray() || list.isEmpty()) {
            throw ApiException.badRequest("no tags to import: expected a tag, an array of tags or an export with 'tags'");
        }
        List<ObjectNode> tags = new ArrayList<>();
        for (JsonNode tag : list) {
            validateTag(tag, "");
            tags.add((ObjectNode) tag.deepCopy());
        }
        return tags;
    }

    private static void validateTag(JsonNode tag, String parent) {
        if (!tag.isObject()) {
            throw ApiException.badRequest("every tag must be a JSON object (under '" + parent + "')");
        }
        String name = tag.path("name").asText("");
        if (name.isEmpty() || name.contains("/")) {
            throw ApiException.badRequest("every tag needs a non-empty 'name' without '/' (under '" + parent + "')");
        }
        if (!tag.path("tagType").isTextual()) {
            throw ApiException.badRequest("tag '" + join(parent, name) + "' has no 'tagType'");
        }
        JsonNode children = tag.get("tags");
        if (children != null) {
            if (!children.isArray()) {
                throw ApiException.badRequest("'tags' of '" + join(parent, name) + "' must be an array");
            }
            children.forEach(child -> validateTag(child, join(parent, name)));
        }
    }

    /** Properties from {@code incoming} win; children are merged by name, recursively. */
    private static void merge(ObjectNode existing, ObjectNode incoming) {
        incoming.fields().forEachRemaining(field -> {
            if (field.getKey().equals("tags") && existing.get("tags") instanceof ArrayNode mine) {
                for (JsonNode child : field.getValue()) {
                    ObjectNode match = childNamed(mine, child.get("name").asText());
                    if (match == null) {
                        mine.add(child);
                    } else {
                        merge(match, (ObjectNode) child);
                    }
                }
            } else {
                existing.set(field.getKey(), field.getValue());
            }
        });
    }

    private static Optional<ObjectNode> find(ObjectNode root, String path) {
        ObjectNode current = root;
        for (String segment : segments(path)) {
            current = childNamed(current.withArrayProperty("tags"), segment);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** The folder at {@code path}, created (as plain folders) where missing. */
    private static ObjectNode folderAt(ObjectNode root, String path) {
        ObjectNode current = root;
        for (String segment : segments(path)) {
            ArrayNode children = current.withArrayProperty("tags");
            ObjectNode next = childNamed(children, segment);
            if (next == null) {
                next = children.addObject().put("name", segment).put("tagType", "Folder");
                next.putArray("tags");
            } else if (!next.path("tagType").asText().equals("Folder")) {
                throw ApiException.badRequest("'" + segment + "' in path '" + path + "' is not a folder");
            }
            current = next;
        }
        return current;
    }

    private static ObjectNode childNamed(ArrayNode children, String name) {
        for (JsonNode child : children) {
            if (child.path("name").asText().equals(name)) {
                return (ObjectNode) child;
            }
        }
        return null;
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    private static void checkProvider(String provider) {
        if (!PROVIDER.matcher(provider).matches()) {
            throw ApiException.badRequest("invalid tag provider name '" + provider + "'");
        }
    }
}
