package dev.stoker.shell.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code stoker:env-create}: requests an environment and prints the operation to follow. */
@Service
@Command(scope = "stoker", name = "env-create", description = "Requests a new environment")
public class EnvCreateCommand extends StokerCommand {

  @Reference
  EnvironmentService environments;

  @Argument(index = 0, name = "name", required = true, description = "environment name")
  String name;

  @Option(name = "--platform", description = "platform id (default ignition)")
  String platform = "ignition";

  @Option(name = "--version", description = "platform version, e.g. 8.3.4")
  String version;

  @Option(name = "--image", description = "explicit container image")
  String image;

  @Option(name = "--stage", description = "dev, test, staging, qa or prod (default dev)")
  String stage = "dev";

  @Option(name = "--ttl", description = "minutes until teardown")
  Long ttlMinutes;

  @Option(name = "--idle", description = "minutes without activity until teardown")
  Long idleMinutes;

  @Option(name = "--module", multiValued = true, description = "sha256 of an uploaded module artifact (repeatable)")
  List<String> modules;

  @Option(name = "--jdbc", multiValued = true, description = "sha256 of an uploaded JDBC driver artifact (repeatable)")
  List<String> drivers;

  @Option(name = "--restore", description = "sha256 of an uploaded backup artifact to restore at first start")
  String restore;

  @Option(name = "--host", description = "runtime host (site) to run on (default: the configured default host)")
  String host;

  private static List<ArtifactRef> refs(List<String> shas) {
    return shas == null ? List.of() : shas.stream().map(s -> new ArtifactRef(s.strip(), null)).toList();
  }

  @Override
  protected Object run() {
    EnvironmentSpec spec = new EnvironmentSpec(name, platform, version, image,
        Stage.valueOf(stage.toUpperCase(Locale.ROOT)), refs(modules), refs(drivers), Map.of(),
        restore == null ? null : new ArtifactRef(restore.strip(), null), Map.of(), ResourceLimits.NONE,
        ttlMinutes == null ? null : Duration.ofMinutes(ttlMinutes),
        idleMinutes == null ? null : Duration.ofMinutes(idleMinutes), Map.of(), host);
    Operation op = environments.create(spec, "shell");
    System.out.println("Requested environment " + op.target() + "; operation " + op.id()
        + " (stoker:env-list shows its state)");
    return null;
  }
}
