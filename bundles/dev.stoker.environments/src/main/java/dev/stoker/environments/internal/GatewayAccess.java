package dev.stoker.environments.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.GatewayFiles;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.runtime.RuntimeBackend;
import java.io.IOException;
import java.net.URI;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How to reach a running environment's gateway (see {@link dev.stoker.api.environment.EnvironmentService#gatewayEndpoint}):
 * its published http address, the version it runs and write access to its data folder through the runtime host.
 */
final class GatewayAccess {
  private final Registries registries;
  private final EnvironmentStore store;
  private final String publishedAddress;

  GatewayAccess(Registries registries, EnvironmentStore store, String publishedAddress) {
    this.registries = registries;
    this.store = store;
    this.publishedAddress = publishedAddress;
  }

  GatewayEndpoint endpoint(String id, String apiKey) {
    EnvironmentEntity env = store.live(id);
    if (EnvironmentStore.state(env) != EnvironmentState.RUNNING || env.containerId == null) {
      throw new ConflictException("environment: '" + env.name + "' is " + env.state + ", not RUNNING");
    }
    URI base = Records.environment(env, publishedAddress).endpoints().get("http");
    if (base == null) {
      throw new ConflictException("environment: '" + env.name + "' publishes no http endpoint");
    }
    EnvironmentSpec spec = Specs.spec(env.specJson);
    PlatformAdapter adapter;
    try {
      adapter = registries.adapter(env.platform);
    } catch (InvalidInputException notInstalled) {
      throw new UnavailableException("the adapter of platform '" + env.platform + "' is not installed", notInstalled);
    }
    RuntimeProfile profile = adapter.runtimeProfile(spec);
    GatewayFiles files = registries.findBackend(env.runtimeHost)
        .map(backend -> (GatewayFiles) new ContainerFiles(backend, env.containerId, profile.dataPath(),
            profile.processUid()))
        .orElse(null);
    return new GatewayEndpoint(base, apiKey, Versions.of(spec, env.image), files);
  }

  /** The data folder of one container, written through its runtime host as the gateway's process user. */
  record ContainerFiles(RuntimeBackend backend, String containerId, String dataPath, int uid) implements GatewayFiles {
    @Override
    public void replaceDirectory(String path, SortedMap<String, byte[]> files) throws IOException {
      String relative = GatewayFiles.relativePath("path", path);
      SortedMap<String, byte[]> checked = new TreeMap<>();
      files.forEach((name, content) -> checked.put(GatewayFiles.relativePath("files." + name, name), content));
      String root = dataPath.endsWith("/") ? dataPath.substring(0, dataPath.length() - 1) : dataPath;
      backend.replaceDirectory(containerId, root + "/" + relative, checked, uid);
    }

    @Override
    public String toString() {
      return "ContainerFiles[" + backend.hostId() + "/" + containerId + ":" + dataPath + "]";
    }
  }
}
