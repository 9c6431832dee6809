package dev.stoker.ignition.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.gateway.Lifecycle.State;
import dev.stoker.ignition.emulator.store.Json;
import dev.stoker.ignition.emulator.store.TagStore;
import dev.stoker.ignition.emulator.store.TagStore.CollisionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The routes of the community tag CI/CD module (design-group/ignition-tag-cicd-module, module id
 * {@code tag-cicd}, Ignition 8.1.24 and later), which give an 8.1 gateway, whose own tag import and export
 * are only in the Designer and in scripting, tag export and import over HTTP. Following the module's source
 * (gateway {@code TagExportRoutes}, {@code TagImportRoutes}, the single-file strategy), no authentication
 * (its routes set none):
 *
 * <ul>
 *   <li>{@code GET /data/tag-cicd/tags/export?provider=&baseTagPath=&recursive=&localPropsOnly=}: the tag
 *       configuration below {@code baseTagPath} in the JSON export format, keys sorted recursively;
 *       {@code provider} defaults to {@code default}; {@code recursive} is false unless {@code true}.
 *   <li>{@code POST /data/tag-cicd/tags/import?provider=&baseTagPath=&collisionPolicy=&exportMode=singleFile}
 *       with a JSON export as body: UDT definitions in {@code _types_} first, then every tag, folder by folder,
 *       each imported on its own; answers {@code {"created_tags":{"[provider]folder/tag":["Good"]…}}} (and
 *       {@code deleted_tags} for policy {@code d}). Collision policies are the gateway's letters: {@code a}
 *       abort (default), {@code o} overwrite, {@code m} merge-overwrite, {@code i} ignore, and the module's own
 *       {@code d}: delete everything under {@code baseTagPath}, then overwrite.
 *   <li>Failures answer 500 {@code {"error","errorType"}} as the module's {@code WebUtilities} does.
 * </ul>
 *
 * <p>Emulator-chosen: the quality text of a tag refused by policy {@code a} ({@code Bad_Failure}); the other
 * export modes, which read files on the gateway ({@code filePath}), are not emulated (500).
 */
final class TagCicdRoutes {

    private static final String BASE = "/data/tag-cicd/tags/";
    private static final String TYPES = "_types_";
    private static final String GOOD = "Good";
    private static final String ACTOR = "tag-cicd";
    private static final long BODY_LIMIT = 16L << 20;

    private final Gateway gateway;

    TagCicdRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    void register(Router router) {
        if (gateway.settings().behaviour().tagCicdModule()) {
            router.add("GET", BASE + "export", call -> guarded(call, this::export));
            router.add("POST", BASE + "import", call -> guarded(call, this::importTags));
        }
    }

    private interface Route {
        void handle(Call call) throws IOException;
    }

    /** The module turns every exception into a 500 with the message and the exception's class. */
    private void guarded(Call call, Route route) throws IOException {
        if (gateway.state() != State.RUNNING) {
            throw new ApiException(503, "the gateway is not running yet (" + gateway.state() + ")");
        }
        try {
            route.handle(call);
        } catch (ApiException | IllegalArgumentException | IllegalStateException e) {
            Log.warn("TagCICD", "Request " + call.method() + " " + call.path() + " failed: " + e.getMessage());
            call.json(500, Json.object().put("error", e.getMessage()).put("errorType", e instanceof ApiException
                    ? "java.io.IOException" : e.getClass().getName()));
        }
    }

    private void export(Call call) throws IOException {
        String provider = call.query("provider").orElse("default");
        String base = call.query("baseTagPath").orElse("");
        boolean recursive = Boolean.parseBoolean(call.query("recursive").orElse("false"));
        call.json(200, sorted(gateway.tags().export(provider, base, recursive)));
    }

    private void importTags(Call call) throws IOException {
        String provider = call.query("provider").orElse("default");
        String base = call.query("baseTagPath").orElse("");
        String policyText = call.query("collisionPolicy").orElse("a");
        String mode = call.query("exportMode")
                .orElseThrow(() -> new IllegalArgumentException("exportMode parameter is required"));
        if (!mode.equals("singleFile") || call.query("filePath").isPresent()) {
            throw new IllegalArgumentException("the emulator takes only exportMode=singleFile with the tags as "
                    + "the request body (no filePath)");
        }
        JsonNode body;
        try (InputStream in = call.body(BODY_LIMIT)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new IllegalArgumentException("Request body must contain tag configuration JSON when using "
                        + "single file mode without filePath");
            }
            body = Json.parse(text.getBytes(StandardCharsets.UTF_8));
        }
        if (!body.isObject()) {
            throw new IllegalStateException("Not a JSON Object: " + Json.compact(body));
        }
        Policy policy = Policy.of(policyText);
        TagStore tags = gateway.tags();
        ObjectNode answer = Json.object();
        if (policy == Policy.DELETE) {
            int removed = tags.clear(provider, base, ACTOR);
            ArrayNode codes = Json.MAPPER.createArrayNode();
            for (int i = 0; i < removed; i++) {
                codes.add(GOOD);
            }
            answer.putObject("deleted_tags").set(base, codes);
        }
        Map<String, List<String>> created = new TreeMap<>();
        if (body.get("tags") instanceof ArrayNode children) {
            List<JsonNode> rest = new ArrayList<>();
            for (JsonNode child : children) {
                if (child.path("name").asText().equals(TYPES) && child.path("tagType").asText().equals("Folder")) {
                    for (JsonNode udt : child.path("tags")) {
                        created.put(key(provider, TYPES, udt), List.of(importOne(tags, provider, TYPES, udt, policy)));
                    }
                } else {
                    rest.add(child);
                }
            }
            importFolder(tags, provider, base, rest, policy, created);
        } else {
            created.put(key(provider, base, null), List.of(importOne(tags, provider, base, body, policy)));
        }
        if (!created.isEmpty()) {
            answer.set("created_tags", Json.MAPPER.valueToTree(created));
        }
        Log.info("TagCICD", "Imported " + created.size() + " tags into provider " + provider + " at '" + base + "'");
        call.json(200, answer);
    }

    private void importFolder(TagStore tags, String provider, String folder, List<JsonNode> children, Policy policy,
            Map<String, List<String>> created) {
        for (JsonNode child : children) {
            String name = child.path("name").asText();
            if (child.path("tagType").asText().equals("Folder")) {
                List<JsonNode> inner = new ArrayList<>();
                child.path("tags").forEach(inner::add);
                importFolder(tags, provider, folder.isEmpty() ? name : folder + "/" + name, inner, policy, created);
            } else {
                created.put(key(provider, folder, child), List.of(importOne(tags, provider, folder, child, policy)));
            }
        }
    }

    /** @return the quality of importing one tag, as the gateway's tag manager reports it */
    private static String importOne(TagStore tags, String provider, String folder, JsonNode tag, Policy policy) {
        if (policy == Policy.IGNORE && tags.exists(provider, join(folder, tag.path("name").asText()))) {
            return GOOD;
        }
        try {
            tags.importTags(provider, folder, tag, policy.store, ACTOR);
            return GOOD;
        } catch (ApiException e) {
            if (e.status() == 409) {
                return "Bad_Failure";
            }
            throw e;
        }
    }

    /** The module's keys: the folder's tag path ({@code [default]Line1}) then {@code /} and the tag's name. */
    private static String key(String provider, String folder, JsonNode tag) {
        String path = "[" + provider + "]" + folder;
        return tag == null ? path : path + "/" + tag.path("name").asText();
    }

    private static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    /** A copy with every object's keys in order, as the module writes its exports. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }

    /** The gateway's collision policy letters plus the module's {@code d}. */
    private enum Policy {
        ABORT(CollisionPolicy.ABORT), OVERWRITE(CollisionPolicy.OVERWRITE), MERGE(CollisionPolicy.MERGEOVERWRITE),
        IGNORE(CollisionPolicy.ABORT), DELETE(CollisionPolicy.OVERWRITE);

        final CollisionPolicy store;

        Policy(CollisionPolicy store) {
            this.store = store;
        }

        static Policy of(String letter) {
            return switch (letter.isEmpty() ? "a" : letter) {
                case "a" -> ABORT;
                case "o" -> OVERWRITE;
                case "m" -> MERGE;
                case "i" -> IGNORE;
                case "d" -> DELETE;
                default -> throw new IllegalArgumentException("unknown collision policy '" + letter + "'");
            };
        }
    }
}
