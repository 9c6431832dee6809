package dev.stoker.adapter.ignition.internal;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.HealthProbe;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.platform.SecretFile;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the container contract of the {@code inductiveautomation/ignition} image for one environment
 * spec. Pure computation, no I/O: safe to call from any thread.
 */
final class RuntimeProfiles {

  static final String PLATFORM_ID = "ignition";

  static final String DATA_PATH = "/usr/local/bin/ignition/data";
  static final String MODULES_PATH = "/usr/local/bin/ignition/user-lib/modules";
  static final String DRIVERS_PATH = "/usr/local/bin/ignition/user-lib/jdbc";
  static final String RESTORE_PATH = "/restore.gwbk";

  static final List<PortSpec> PORTS = List.of(
      new PortSpec("http", 8088, "tcp"),
      new PortSpec("https", 8043, "tcp"),
      new PortSpec("gan", 8060, "tcp"),
      new PortSpec("opcua", 62541, "tcp"));

  /** Request labels the adapter reads; everything else in the labels is left alone. */
  static final String LABEL_ADMIN_USERNAME = "ignition.admin-username";
  static final String LABEL_EDITION = "ignition.edition";
  static final String LABEL_TIMEZONE = "ignition.timezone";
  static final String LABEL_MODULES = "ignition.modules";
  static final String LABEL_THIRD_PARTY_MODULES = "ignition.third-party-modules";
  static final String LABEL_CONFIG_MODE = "ignition.config-mode";
  static final String LABEL_ALLOW_UNSIGNED = "ignition.allow-unsigned-modules";

  static final String ADMIN_PASSWORD = "GATEWAY_ADMIN_PASSWORD";

  private static final Set<String> EDITIONS = Set.of("standard", "edge", "maker");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
  private static final Pattern CONFIG_MODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final long MIB = 1024L * 1024L;

  private RuntimeProfiles() {
  }

  /**
   * @throws IllegalArgumentException whose message starts with the offending field
   */
  static RuntimeProfile build(EnvironmentSpec spec, AdapterSettings settings, HealthProbe probe) {
    if (spec == null) {
      throw new InvalidInputException("spec: required");
    }
    if (spec.platform() != null && !spec.platform().equals(PLATFORM_ID)) {
      throw new InvalidInputException("platform: '" + spec.platform() + "' is not " + PLATFORM_ID);
    }
    if (spec.name() == null || spec.name().isBlank()) {
      throw new InvalidInputException("name: required");
    }
    boolean explicitImage = spec.image() != null && !spec.image().isBlank();
    IgnitionVersion requested = resolveVersion(spec, explicitImage);
    IgnitionLine line = requested.line();
    String version = requested.lineOnly() ? settings.defaultVersion(line) : requested.text();
    String image = explicitImage ? spec.image().strip() : settings.imageRepository(line) + ":" + version;

    for (String port : spec.ports().keySet()) {
      if (PORTS.stream().noneMatch(p -> p.name().equals(port))) {
        throw new InvalidInputException("ports: unknown port '" + port + "' ("
            + PORTS.stream().map(PortSpec::name).collect(Collectors.joining(", ")) + ")");
      }
    }

    Map<String, String> labels = spec.labels();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ACCEPT_IGNITION_EULA", "Y");
    env.put("GATEWAY_ADMIN_USERNAME", labels.getOrDefault(LABEL_ADMIN_USERNAME, settings.adminUsername()).strip());
    env.put("IGNITION_EDITION", edition(labels.getOrDefault(LABEL_EDITION, settings.edition())));
    env.put("TZ", timeZone(labels.getOrDefault(LABEL_TIMEZONE, settings.timeZone())));
    moduleEnvironment(labels, line, env);

    List<SecretFile> secrets = secretFiles(spec, settings);
    // The image refuses a variable given both plainly and as _FILE: a secret wins.
    secrets.forEach(s -> env.remove(s.variable()));

    List<String> args = new ArrayList<>(List.of("-n", spec.name()));
    if (spec.limits() != null && spec.limits().memoryBytes() > 0) {
      long heapMb = Math.max(64, spec.limits().memoryBytes() / MIB * settings.heapPercent() / 100);
      args.add("-m");
      args.add(Long.toString(heapMb));
    }
    String restorePath = null;
    if (spec.restoreBackup() != null) {
      restorePath = RESTORE_PATH;
      args.add("-r");
      args.add(restorePath);
    }
    List<String> jvmArgs = jvmArgs(labels, line);
    if (!jvmArgs.isEmpty()) {
      args.add("--");
      args.addAll(jvmArgs);
    }

    return new RuntimeProfile(image, PORTS, env, secrets, args, DATA_PATH, MODULES_PATH, DRIVERS_PATH, restorePath,
        probe, IGNITION_UID);
  }

  /** The official image (and the emulator) run the gateway as user {@code ignition}, uid 2003. */
  static final int IGNITION_UID = 2003;

  private static IgnitionVersion resolveVersion(EnvironmentSpec spec, boolean explicitImage) {
    if (spec.version() != null && !spec.version().isBlank()) {
      return IgnitionVersion.parse(spec.version());
    }
    if (explicitImage) {
      String fromTag = IgnitionVersion.fromImage(spec.image().strip());
      if (fromTag == null) {
        throw new InvalidInputException("version: required, image '" + spec.image().strip()
            + "' does not name an Ignition version in its tag");
      }
      return IgnitionVersion.parse(fromTag);
    }
    return IgnitionVersion.parse(spec.version());
  }

  private static String edition(String edition) {
    String e = edition.strip().toLowerCase(java.util.Locale.ROOT);
    if (!EDITIONS.contains(e)) {
      throw new InvalidInputException("labels: " + LABEL_EDITION + " must be standard, edge or maker, got '"
          + edition + "'");
    }
    return e;
  }

  private static String timeZone(String zone) {
    String z = zone.strip();
    try {
      ZoneId.of(z);
    } catch (DateTimeException e) {
      throw new InvalidInputException("labels: " + LABEL_TIMEZONE + " '" + zone + "' is not a time zone");
    }
    return z;
  }

  /**
   * Built-in modules to enable, in the line's naming, and on 8.3 the licence and certificate acceptance of
   * third-party modules, without which the gateway stays in commissioning.
   */
  private static void moduleEnvironment(Map<String, String> labels, IgnitionLine line, Map<String, String> env) {
    String modulesField = "labels: " + LABEL_MODULES;
    List<String> enabled = labels.containsKey(LABEL_MODULES)
        ? IgnitionModules.forLine(modulesField, labels.get(LABEL_MODULES), line) : List.of();
    List<String> thirdParty = IgnitionModules.moduleIds("labels: " + LABEL_THIRD_PARTY_MODULES,
        labels.get(LABEL_THIRD_PARTY_MODULES));
    if (line == IgnitionLine.V83 && !thirdParty.isEmpty()) {
      String accepted = String.join(",", thirdParty);
      env.put("ACCEPT_MODULE_LICENSES", accepted);
      env.put("ACCEPT_MODULE_CERTS", accepted);
      if (!enabled.isEmpty()) {
        // An 8.3 gateway loads only the modules the list names once there is a list.
        List<String> all = new ArrayList<>(enabled);
        thirdParty.stream().filter(id -> !all.contains(id)).forEach(all::add);
        enabled = all;
      }
    }
    if (!enabled.isEmpty()) {
      env.put("GATEWAY_MODULES_ENABLED", String.join(",", enabled));
    }
  }

  private static List<SecretFile> secretFiles(EnvironmentSpec spec, AdapterSettings settings) {
    Map<String, String> requested = new TreeMap<>(spec.secrets());
    List<SecretFile> out = new ArrayList<>();
    String adminPath = requested.remove(ADMIN_PASSWORD);
    out.add(new SecretFile(ADMIN_PASSWORD, checkPath(ADMIN_PASSWORD,
        adminPath == null ? settings.adminPasswordSecret() : adminPath)));
    for (Map.Entry<String, String> e : requested.entrySet()) {
      String variable = e.getKey();
      if (!ENV_NAME.matcher(variable).matches() || variable.endsWith("_FILE")) {
        throw new InvalidInputException("secrets: '" + variable + "' is not a gateway environment variable "
            + "(upper case, e.g. IGNITION_LICENSE_KEY; without _FILE)");
      }
      out.add(new SecretFile(variable, checkPath(variable, e.getValue())));
    }
    return out;
  }

  private static String checkPath(String variable, String path) {
    if (path == null || path.isBlank()) {
      throw new InvalidInputException("secrets: " + variable + " has no secret path");
    }
    return path.strip();
  }

  private static List<String> jvmArgs(Map<String, String> labels, IgnitionLine line) {
    List<String> out = new ArrayList<>();
    String mode = labels.get(LABEL_CONFIG_MODE);
    if (mode != null && !mode.isBlank()) {
      if (line != IgnitionLine.V83) {
        throw new InvalidInputException("labels: " + LABEL_CONFIG_MODE + " needs Ignition 8.3 (deployment modes)");
      }
      if (!CONFIG_MODE.matcher(mode.strip()).matches()) {
        throw new InvalidInputException("labels: " + LABEL_CONFIG_MODE + " '" + mode + "' is not a mode name");
      }
      out.add("-Dignition.config.mode=" + mode.strip());
    }
    if (Boolean.parseBoolean(labels.getOrDefault(LABEL_ALLOW_UNSIGNED, "false").strip())) {
      out.add("-Dignition.allowunsignedmodules=true");
    }
    return out;
  }
}
