package dev.stoker.ignition.emulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.config.Settings;
import dev.stoker.ignition.emulator.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * First-start commissioning. Steps the environment did not settle (EULA, admin credentials, maker
 * activation) stay pending until posted to {@code /post-step}, then {@code finished} starts the
 * gateway; when the environment settles everything, commissioning completes by itself, as in the
 * image. Completion is kept on the data volume so a new container on the same volume skips it.
 * Third-party module licences and certificates (8.3) are not steps: only the environment settles
 * them, and the gateway stays in commissioning until it does.
 */
public final class Commissioning {

    public static final String EULA = "eula";
    public static final String AUTH = "authSetup";
    public static final String ACTIVATION = "activated";

    private final Settings settings;
    private final Path stateFile;
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean finished;
    private String adminUsername;

    public Commissioning(Settings settings, Path dataDir) {
        this.settings = settings;
        this.stateFile = dataDir.resolve(".emulator/commissioning.json");
        var env = settings.commissioning();
        adminUsername = env.adminUsername();
        if (Files.isRegularFile(stateFile)) {
            finished = true;
            adminUsername = Json.read(stateFile).path("adminUsername").asText(adminUsername);
            return;
        }
        if (!env.eulaAccepted()) {
            pending.add(EULA);
        }
        if (env.adminPassword().isEmpty()) {
            pending.add(AUTH);
        }
        if (settings.edition() == Settings.Edition.MAKER && (env.licenseKey().isEmpty() || env.activationToken().isEmpty())) {
            pending.add(ACTIVATION);
        }
        if (pending.isEmpty()) {
            finish();
        } else {
            Log.info("Commissioning", "Waiting for commissioning steps " + pending + " (POST /post-step)");
        }
    }

    public synchronized boolean finished() {
        return finished;
    }

    public synchronized Set<String> pendingSteps() {
        return Set.copyOf(pending);
    }

    public synchronized String adminUsername() {
        return adminUsername;
    }

    /** Handles one {@code POST /post-step} body; returns the HTTP status the real servlet answers. */
    public synchronized int post(JsonNode body) {
        if (finished) {
            throw ApiException.conflict("the gateway is already commissioned");
        }
        String id = body.path("id").asText("");
        String step = body.path("step").asText(id);
        JsonNode data = body.path("data");
        switch (id.equals("finished") ? "finished" : step) {
            case EULA -> {
                require(data.path("accept").asBoolean(false), "the EULA step needs data.accept=true");
                pending.remove(EULA);
            }
            case AUTH -> {
                String user = data.path("username").asText("");
                require(!user.isBlank() && !data.path("password").asText("").isBlank(),
                        "the authSetup step needs data.username and data.password");
                adminUsername = user;
                pending.remove(AUTH);
            }
            case "activation", ACTIVATION -> {
                require(!data.path("licenseKey").asText("").isBlank() && !data.path("activationToken").asText("").isBlank(),
                        "the activation step needs data.licenseKey and data.activationToken");
                pending.remove(ACTIVATION);
            }
            case "edition", "connections" -> {
                // Accepted for compatibility with commissioning scripts; the environment already decided these.
            }
            case "finished" -> {
                require(data.path("start").asBoolean(false) || data.path("startGateway").asBoolean(false),
                        "the finished step needs data.start=true (8.1) or data.startGateway=true");
                if (!pending.isEmpty()) {
                    throw ApiException.conflict("commissioning steps still pending: " + pending);
                }
                finish();
                return 200;
            }
            default -> throw ApiException.badRequest("unknown commissioning step '" + step + "'");
        }
        Log.info("Commissioning", "Step '" + step + "' done; pending: " + pending);
        return 201;
    }

    /** The {@code GET /bootstrap} document: edition and the steps still to do. */
    public synchronized ObjectNode bootstrap(ModuleRegistry modules) {
        ObjectNode doc = Json.object()
                .put("edition", settings.edition().id())
                .put("version", settings.version().toString())
                .put("commissioned", finished);
        ObjectNode steps = doc.putObject("steps");
        pending.forEach(s -> steps.put(s, false));
        ObjectNode unsettled = doc.putObject("modules");
        unsettled.putPOJO("unacceptedLicenses", modules.unacceptedLicenses());
        unsettled.putPOJO("unacceptedCerts", modules.unacceptedCerts());
        return doc;
    }

    private void finish() {
        finished = true;
        Json.write(stateFile, Json.object().put("adminUsername", adminUsername));
        Log.info("Commissioning", "Commissioning complete (admin user '" + adminUsername + "')");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw ApiException.badRequest(message);
        }
    }
}
