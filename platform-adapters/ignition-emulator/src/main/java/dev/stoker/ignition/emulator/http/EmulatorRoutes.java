package dev.stoker.ignition.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.store.Json;

/**
 * Introspection that real Ignition does not have, under {@code /emulator/}, unauthenticated and
 * available on 8.1 and 8.3 alike: which JDBC driver jars were found and what the emulator was told.
 */
final class EmulatorRoutes {

    private final Gateway gateway;

    EmulatorRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    void register(Router router) {
        router.add("GET", "/emulator/jdbc-drivers", call -> call.json(200, gateway.jdbc().drivers()));
        router.add("GET", "/emulator/info", call -> call.json(200, info()));
    }

    private ObjectNode info() {
        var settings = gateway.settings();
        ObjectNode info = Json.object()
                .put("emulator", true)
                .put("ignitionVersion", settings.version().toString())
                .put("edition", settings.edition().id())
                .put("state", gateway.state().name())
                .put("restApi", settings.behaviour().restApi())
                .put("dataDir", settings.paths().data().toString())
                .put("adminUsername", gateway.commissioning().adminUsername());
        info.putPOJO("pendingCommissioningSteps", gateway.commissioning().pendingSteps());
        info.putPOJO("jvmProperties", settings.launch().jvmProperties());
        return info;
    }
}
