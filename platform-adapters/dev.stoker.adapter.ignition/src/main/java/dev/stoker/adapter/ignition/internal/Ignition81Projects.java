package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.GatewayFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Projects on Ignition 8.1, which has no REST API: a project is deployed by writing its folder,
 * {@code data/projects/<name>/} (the export unpacked as is: {@code project.json} at its root, signed
 * resources), through Stoker's {@link GatewayFiles}, then loaded by the gateway's project scan, which the
 * community module design-group/ignition-project-scan-endpoint offers as {@code POST
 * /data/project-scan-endpoint/scan} (answer {@code {"gatewayProjectScanSuccess":true}}; no API key). The
 * module only requests the scan, so what is served shows a moment later: {@link #serves} asks the project's
 * Perspective page, {@code /data/perspective/client/<name>}, which answers 200 once a project with
 * Perspective views is loaded.
 */
final class Ignition81Projects {
  static final String SCAN = "data/project-scan-endpoint/scan";
  static final String PERSPECTIVE_CLIENT = "data/perspective/client/";
  static final String PROJECTS = "projects/";
  /** Names a project folder may have (letters, digits, '_' and '-'), as the gateway's project names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,127}");

  private final IgnitionGatewayClient client;
  private final GatewayFiles files;
  private final IgnitionProjectCodec codec;

  Ignition81Projects(IgnitionGatewayClient client, GatewayFiles files, IgnitionProjectCodec codec) {
    this.client = client;
    this.files = files;
    this.codec = codec;
  }

  /**
   * Replaces the project's folder by the export (read whole and checked before anything is written: a
   * damaged export never replaces a project) and asks for a scan.
   */
  void importProject(String name, InputStream export, boolean overwrite) throws IOException {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException("name", "'" + name + "' is no Ignition project name (letters, digits, '_' "
          + "and '-')");
    }
    if (!overwrite) {
      throw new InvalidInputException("overwrite", "Ignition 8.1 takes a project by replacing its folder in the "
          + "data volume; import with overwrite=true");
    }
    if (files == null) {
      throw new UnavailableException("Ignition 8.1 has no REST API to import project '" + name + "': Stoker "
          + "deploys there by writing into the gateway's data folder, which it can only for an environment it runs"
          + " on a runtime host that writes into containers");
    }
    SortedMap<String, byte[]> entries = codec.unzip(export);
    if (!entries.containsKey(IgnitionProjectCodec.MANIFEST)) {
      throw new InvalidInputException("export", "not an Ignition project export, " + IgnitionProjectCodec.MANIFEST
          + " missing at the archive root");
    }
    files.replaceDirectory(PROJECTS + name, entries);
    scan();
  }

  /** Asks the project-scan-endpoint module for a project scan. */
  void scan() throws IOException {
    JsonNode answer = client.postPlain(SCAN, "the gateway lacks the project-scan-endpoint module "
        + "(design-group/ignition-project-scan-endpoint): install it, or restart the gateway to load projects");
    if (!answer.path("gatewayProjectScanSuccess").asBoolean(false)) {
      throw new IOException(client.where("POST " + SCAN) + " reported that the project scan could not be started");
    }
  }

  /** @return whether the project's Perspective page answers 200 (a loaded, enabled project with views) */
  boolean serves(String name) throws IOException {
    int status = client.pageStatus(PERSPECTIVE_CLIENT + Urls.encode(name));
    if (status == 200 || status == 404) {
      return status == 200;
    }
    throw new IOException(client.where("GET " + PERSPECTIVE_CLIENT + name) + " answered HTTP " + status);
  }
}
