package dev.stoker.adapter.example.internal;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.HealthProbe;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.platform.SecretFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container contract of {@code stoker/example-gateway}: one HTTP port, data under
 * {@code /var/lib/example}, plug-ins under {@code /opt/example/plugins}, the admin password as a file. Pure
 * computation, safe from any thread. Invalid specs raise {@link IllegalArgumentException} whose message
 * starts with the field.
 */
final class ExampleProfiles {

  /** A release line and the version a request naming only the line gets. */
  record Line(String line, String defaultVersion) {
  }

  /** Newest first. */
  static final List<Line> LINES = List.of(new Line("2", "2.1.0"), new Line("1", "1.4.2"));

  static final String IMAGE_REPOSITORY = "stoker/example-gateway";
  static final String DATA_PATH = "/var/lib/example";
  static final String PLUGINS_PATH = "/opt/example/plugins";
  static final String ADMIN_PASSWORD = "EXAMPLE_ADMIN_PASSWORD";
  static final String DEFAULT_ADMIN_SECRET = "example/admin-password";
  static final List<PortSpec> PORTS = List.of(new PortSpec("http", 8080, "tcp"));
  static final int UID = 1000;

  private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+)\\.(\\d+))?");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private ExampleProfiles() {
  }

  static String image(String version) {
    return IMAGE_REPOSITORY + ":" + version;
  }

  static RuntimeProfile build(EnvironmentSpec spec, HealthProbe probe) {
    if (spec == null) {
      throw new InvalidInputException("spec: required");
    }
    if (spec.platform() != null && !spec.platform().equals(ExampleAdapter.ID)) {
      throw new InvalidInputException("platform: '" + spec.platform() + "' is not " + ExampleAdapter.ID);
    }
    if (spec.name() == null || spec.name().isBlank()) {
      throw new InvalidInputException("name: required");
    }
    boolean explicitImage = spec.image() != null && !spec.image().isBlank();
    String version = version(spec.version() == null && explicitImage ? tagOf(spec.image().strip()) : spec.version());
    String image = explicitImage ? spec.image().strip() : image(version);

    for (String port : spec.ports().keySet()) {
      if (PORTS.stream().noneMatch(p -> p.name().equals(port))) {
        throw new InvalidInputException("ports: unknown port '" + port + "' (the example gateway has http)");
      }
    }
    if (!spec.jdbcDrivers().isEmpty()) {
      throw new InvalidInputException("jdbcDrivers: the example gateway takes no JDBC drivers");
    }
    if (spec.restoreBackup() != null) {
      throw new InvalidInputException("restoreBackup: the example gateway has no backups");
    }

    Map<String, String> env = new LinkedHashMap<>();
    env.put("EXAMPLE_GATEWAY_NAME", spec.name());
    env.put("EXAMPLE_DATA", DATA_PATH);
    return new RuntimeProfile(image, PORTS, env, secretFiles(spec), List.of(), DATA_PATH, PLUGINS_PATH, null, null,
        probe, UID);
  }

  /** @return the full version the request means: a line alone means its default version */
  private static String version(String requested) {
    if (requested == null || requested.isBlank()) {
      throw new InvalidInputException("version: required (e.g. 2.1.0) unless the image tag names it");
    }
    String v = requested.strip();
    Matcher m = VERSION.matcher(v);
    if (!m.matches()) {
      throw new InvalidInputException("version: '" + v + "' is not an example version (e.g. 2.1.0)");
    }
    for (Line line : LINES) {
      if (line.line().equals(m.group(1))) {
        return m.group(2) == null ? line.defaultVersion() : v;
      }
    }
    throw new InvalidInputException("version: " + v + " is not supported (1.x.y, 2.x.y)");
  }

  private static String tagOf(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : null;
  }

  private static List<SecretFile> secretFiles(EnvironmentSpec spec) {
    Map<String, String> requested = new TreeMap<>(spec.secrets());
    List<SecretFile> out = new ArrayList<>();
    out.add(new SecretFile(ADMIN_PASSWORD, requested.getOrDefault(ADMIN_PASSWORD, DEFAULT_ADMIN_SECRET)));
    requested.remove(ADMIN_PASSWORD);
    requested.forEach((variable, path) -> {
      if (!ENV_NAME.matcher(variable).matches() || variable.endsWith("_FILE")) {
        throw new InvalidInputException("secrets: '" + variable + "' is not a gateway variable (upper case, "
            + "without _FILE)");
      }
      if (path == null || path.isBlank()) {
        throw new InvalidInputException("secrets: " + variable + " has no secret path");
      }
      out.add(new SecretFile(variable, path.strip()));
    });
    return out;
  }
}
