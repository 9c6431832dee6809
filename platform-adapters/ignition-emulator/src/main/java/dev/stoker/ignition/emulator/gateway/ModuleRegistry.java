package dev.stoker.ignition.emulator.gateway;

import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The modules the gateway runs: the enabled built-ins plus every readable {@code .modl} in
 * {@code user-lib/modules} and the {@code /modules} mount. Unsigned modules are quarantined unless
 * {@code -Dignition.allowunsignedmodules=true}; on 8.3 a third-party module whose licence or
 * certificate is not accepted (ACCEPT_MODULE_LICENSES / ACCEPT_MODULE_CERTS) holds the gateway in
 * commissioning.
 */
public final class ModuleRegistry {

    /** A module as the REST API reports it. */
    public record Module(String id, String name, String version, boolean builtIn, String file, String reason) {
    }

    private final Settings settings;
    private List<Module> healthy = List.of();
    private List<Module> quarantined = List.of();
    private Set<String> unacceptedLicenses = Set.of();
    private Set<String> unacceptedCerts = Set.of();

    public ModuleRegistry(Settings settings) {
        this.settings = settings;
    }

    /** Reads the module folders again; done at start and at every (emulated) restart. */
    public synchronized void load() {
        List<Module> ok = new ArrayList<>(enabledBuiltIns());
        List<Module> bad = new ArrayList<>();
        Set<String> licenses = new LinkedHashSet<>();
        Set<String> certs = new LinkedHashSet<>();
        for (var path : UserLib.files(settings.paths().moduleDirs(), ".modl")) {
            Optional<ModuleFile> read = ModuleFile.read(path);
            if (read.isEmpty()) {
                Log.warn("ModuleManager", "Not a readable module (no module.xml with an id): " + path);
                continue;
            }
            ModuleFile file = read.get();
            if (settings.version().is83() && !enabled(file.id())) {
                Log.info("ModuleManager", "Module " + file.id() + " is not in GATEWAY_MODULES_ENABLED; not loaded");
                continue;
            }
            String reason = quarantineReason(file, licenses, certs);
            Module module = new Module(file.id(), file.name(), file.version(), false, path.getFileName().toString(), reason);
            if (reason == null) {
                ok.add(module);
                Log.info("ModuleManager", "Loaded module " + file.id() + " " + file.version() + " from " + path);
            } else {
                bad.add(module);
                Log.warn("ModuleManager", "Module " + file.id() + " quarantined: " + reason);
            }
        }
        healthy = List.copyOf(ok);
        quarantined = List.copyOf(bad);
        unacceptedLicenses = Set.copyOf(licenses);
        unacceptedCerts = Set.copyOf(certs);
    }

    public synchronized List<Module> healthy() {
        return healthy;
    }

    public synchronized List<Module> quarantined() {
        return quarantined;
    }

    public synchronized Set<String> unacceptedLicenses() {
        return unacceptedLicenses;
    }

    public synchronized Set<String> unacceptedCerts() {
        return unacceptedCerts;
    }

    private String quarantineReason(ModuleFile file, Set<String> licenses, Set<String> certs) {
        if (!file.signed() && !settings.behaviour().allowUnsignedModules()) {
            return "module is not signed; start the gateway with -Dignition.allowunsignedmodules=true to load it";
        }
        if (!settings.version().is83() || ModuleCatalog.isFirstParty(file.id())) {
            return null;
        }
        var accepted = settings.commissioning();
        if (!accepted.acceptedModuleLicenses().contains(file.id())) {
            licenses.add(file.id());
        }
        if (!accepted.acceptedModuleCerts().contains(file.id())) {
            certs.add(file.id());
        }
        if (licenses.contains(file.id()) || certs.contains(file.id())) {
            return "licence or certificate not accepted: list " + file.id() + " in ACCEPT_MODULE_LICENSES and ACCEPT_MODULE_CERTS";
        }
        return null;
    }

    private List<Module> enabledBuiltIns() {
        List<Module> modules = new ArrayList<>();
        for (ModuleCatalog.BuiltIn builtIn : ModuleCatalog.BUILT_INS) {
            if (enabled(settings.version().is83() ? builtIn.id() : builtIn.shortName())) {
                modules.add(new Module(builtIn.id(), builtIn.name(), settings.version().toString(), true, null, null));
            }
        }
        return modules;
    }

    /** Without GATEWAY_MODULES_ENABLED everything is enabled; with it, only what it names. */
    private boolean enabled(String name) {
        return settings.modulesEnabled().map(list -> list.contains(name)).orElse(true);
    }

    /** Names in GATEWAY_MODULES_ENABLED that mean nothing for this version: usually 8.1 short names on 8.3 or the reverse. */
    public List<String> unknownEnabledNames() {
        List<String> unknown = new ArrayList<>();
        for (String name : settings.modulesEnabled().orElse(List.of())) {
            boolean known = settings.version().is83()
                    ? name.contains(".")
                    : ModuleCatalog.byShortName(name).isPresent();
            if (!known) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
