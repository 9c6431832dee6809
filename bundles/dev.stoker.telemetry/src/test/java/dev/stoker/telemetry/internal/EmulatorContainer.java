package dev.stoker.telemetry.internal;

import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.runtime.RuntimeHosts;
import dev.stoker.runtime.docker.internal.DockerHostConfig;
import dev.stoker.runtime.docker.internal.DockerHostSettings;
import dev.stoker.runtime.docker.internal.DockerRuntimeBackend;
import dev.stoker.testing.Fakes;
import dev.stoker.testing.OsgiConfigs;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An emulator gateway container on the real Docker engine (runtime host {@code local}), labelled with its
 * environment id the way the environment service labels it; removed on close.
 */
final class EmulatorContainer implements AutoCloseable {
  final DockerRuntimeBackend docker;
  final String id;

  EmulatorContainer(String name, String environment, long memoryLimit, Map<String, String> env) throws IOException {
    docker = new DockerRuntimeBackend(DockerHostSettings.from(
        OsgiConfigs.of(DockerHostConfig.class, Map.of("hostId", "local"))));
    String image = System.getProperty("stoker.emulator.image", "stoker/ignition-emulator:8.3.4");
    docker.ensureImage(image);
    Map<String, String> all = new HashMap<>(Map.of("ACCEPT_IGNITION_EULA", "Y", "GATEWAY_ADMIN_PASSWORD", "password"));
    all.putAll(env);
    id = docker.create(new ContainerSpec(name, image, all, List.of(), Map.of(), null, null, Map.of(),
        Map.of(ContainerReader.LABEL_ENVIRONMENT, environment), new ResourceLimits(memoryLimit, 1.0)));
    docker.start(id);
  }

  /** @return runtime hosts that know this engine as {@code local} */
  RuntimeHosts hosts() {
    return Fakes.of(RuntimeHosts.class, Map.of("find",
        a -> "local".equals(a[0]) ? Optional.of((RuntimeBackend) docker) : Optional.empty()));
  }

  @Override
  public void close() throws IOException {
    try {
      docker.remove(id, null);
    } finally {
      docker.close();
    }
  }
}
