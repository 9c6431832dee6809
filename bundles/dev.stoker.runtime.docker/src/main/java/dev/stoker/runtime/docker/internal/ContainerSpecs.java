package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a {@link ContainerSpec} (and the {@link CreateOptions} it cannot say yet) onto docker-java's create
 * command: published ports, volume and file binds, resource limits, environment, labels and stop grace.
 * Checks the spec first, so a bad one fails as invalid input before the engine is asked.
 */
final class ContainerSpecs {
  private final Engine engine;

  ContainerSpecs(Engine engine) {
    this.engine = engine;
  }

  /** @return the create command for {@code spec}, not yet executed */
  CreateContainerCmd command(ContainerSpec spec, CreateOptions options) throws IOException {
    Checks.name("container name", spec.name());
    Checks.text("image", spec.image());
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    ports(spec, exposed, bindings);
    HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings).withBinds(binds(spec, options));
    ResourceLimits limits = spec.limits() == null ? ResourceLimits.NONE : spec.limits();
    if (limits.memoryBytes() > 0) {
      host.withMemory(limits.memoryBytes());
    }
    if (limits.cpus() > 0) {
      host.withNanoCPUs((long) (limits.cpus() * 1_000_000_000L));
    }
    Duration grace = options.stopGrace() != null ? options.stopGrace() : engine.settings().stopGrace();
    List<String> env = new ArrayList<>();
    new TreeMap<>(spec.environment()).forEach((k, v) -> env.add(k + "=" + v));
    CreateContainerCmd cmd = engine.api().createContainerCmd(spec.image())
        .withName(spec.name())
        .withEnv(env)
        .withLabels(engine.managed(spec.labels()))
        .withExposedPorts(exposed)
        .withStopTimeout((int) Math.min(Integer.MAX_VALUE, grace.toSeconds()))
        .withHostConfig(host);
    if (!spec.args().isEmpty()) {
      cmd.withCmd(spec.args());
    }
    return cmd;
  }

  private void ports(ContainerSpec spec, List<ExposedPort> exposed, Ports bindings) {
    // Without an address the engine binds IPv4 and IPv6 and may give each a different free port; a port
    // recorded from IPv4 and asked for again (a gateway keeping its address across a restart) can then be
    // taken on IPv6 by another container. IPv4 on all interfaces is what Stoker reads and publishes.
    String publish = engine.settings().publishAddress();
    String ip = publish.isEmpty() ? "0.0.0.0" : publish;
    for (Map.Entry<Integer, Integer> p : new TreeMap<>(spec.ports()).entrySet()) {
      int container = p.getKey();
      int host = p.getValue() == null ? 0 : p.getValue();
      if (container <= 0 || container > 65535 || host < 0 || host > 65535) {
        throw new InvalidInputException("ports: " + container + " → " + host + " is not a valid port mapping");
      }
      ExposedPort port = ExposedPort.tcp(container);
      exposed.add(port);
      // An empty host port lets the engine choose a free one.
      bindings.bind(port, new Ports.Binding(ip, host == 0 ? "" : Integer.toString(host)));
    }
  }

  private List<Bind> binds(ContainerSpec spec, CreateOptions options) throws IOException {
    List<Bind> binds = new ArrayList<>();
    if (spec.volume() != null) {
      Checks.name("volume", spec.volume());
      Checks.absolute("volumePath", spec.volumePath());
      binds.add(new Bind(spec.volume(), new Volume(spec.volumePath())));
    }
    for (Map.Entry<String, String> v : options.volumes().entrySet()) {
      Checks.name("volume", v.getKey());
      Checks.absolute("volume path", v.getValue());
      binds.add(new Bind(v.getKey(), new Volume(v.getValue())));
    }
    for (Map.Entry<Path, String> f : spec.files().entrySet()) {
      Checks.absolute("files", f.getValue());
      checkHostFile(spec.name(), f.getKey());
      binds.add(new Bind(f.getKey().toAbsolutePath().toString(), new Volume(f.getValue()), AccessMode.ro));
    }
    return binds;
  }

  /** Bind sources live on the engine's machine: they can be checked only when that is this machine. */
  private void checkHostFile(String container, Path file) throws IOException {
    if (!"unix".equals(engine.settings().dockerHost().getScheme())) {
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new DockerFailure("creating container '" + container + "' on docker host '" + engine.hostId()
          + "' failed: file to mount '" + file + "' does not exist or is not a regular file",
          DockerFailure.Kind.REJECTED, 0, null);
    }
  }
}
