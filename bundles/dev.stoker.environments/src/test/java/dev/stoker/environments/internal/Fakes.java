package dev.stoker.environments.internal;

import dev.stoker.api.environment.ContainerInfo;
import dev.stoker.api.environment.ContainerSpec;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.RuntimeBackend;
import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformVersion;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.platform.SecretFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory stand-ins for a runtime host, a platform adapter and the secret service. */
final class Fakes {
  private Fakes() {
  }

  /** A runtime host that keeps containers in a map. */
  static final class Backend implements RuntimeBackend {
    final Map<String, ContainerSpec> specs = new ConcurrentHashMap<>();
    final Map<String, Boolean> running = new ConcurrentHashMap<>();
    final Set<String> volumes = ConcurrentHashMap.newKeySet();
    final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger nextPort = new AtomicInteger(40000);

    @Override
    public String hostId() {
      return "local";
    }

    @Override
    public void ensureImage(String image) {
    }

    @Override
    public void ensureVolume(String name, Map<String, String> labels) {
      volumes.add(name);
    }

    @Override
    public void copyIntoVolume(String volume, String path, InputStream content) {
    }

    @Override
    public String create(ContainerSpec spec) {
      creates.incrementAndGet();
      String id = "c" + creates.get();
      Map<Integer, Integer> ports = new HashMap<>();
      spec.ports().forEach((c, h) -> ports.put(c, h == 0 ? nextPort.incrementAndGet() : h));
      specs.put(id, new ContainerSpec(spec.name(), spec.image(), spec.environment(), spec.args(), ports,
          spec.volume(), spec.volumePath(), spec.files(), spec.labels(), spec.limits()));
      running.put(id, false);
      return id;
    }

    @Override
    public void start(String containerId) {
      running.put(containerId, true);
    }

    @Override
    public void stop(String containerId) {
      running.put(containerId, false);
    }

    @Override
    public void remove(String containerId, String volume) {
      specs.remove(containerId);
      running.remove(containerId);
      if (volume != null) {
        volumes.remove(volume);
      }
    }

    @Override
    public List<ContainerInfo> list(Map<String, String> labels) {
      List<ContainerInfo> out = new ArrayList<>();
      specs.forEach((id, s) -> {
        if (s.labels().entrySet().containsAll(labels.entrySet())) {
          out.add(new ContainerInfo(id, s.name(), s.image(), running.getOrDefault(id, false), s.ports(), s.labels()));
        }
      });
      return out;
    }

    @Override
    public InputStream logs(String containerId, int tail, boolean follow) {
      return new ByteArrayInputStream(("log of " + containerId + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A platform whose probe answers from a script, then READY. */
  static final class Adapter implements PlatformAdapter {
    final ConcurrentLinkedQueue<Readiness> script = new ConcurrentLinkedQueue<>();

    @Override
    public PlatformDescriptor descriptor() {
      return new PlatformDescriptor("fake", "Fake", "test", "1", List.of(new PlatformVersion("1", "1.0", "fake:1.0")),
          Set.of(Capability.RUNTIME));
    }

    @Override
    public RuntimeProfile runtimeProfile(EnvironmentSpec spec) {
      if ("9.9".equals(spec.version())) {
        throw new IllegalArgumentException("version: 9.9 is not supported");
      }
      return new RuntimeProfile(spec.image() != null ? spec.image() : "fake:" + spec.version(),
          List.of(new PortSpec("http", 8088, "tcp"), new PortSpec("gan", 8060, "tcp")),
          Map.of("ACCEPT_EULA", "Y"), List.of(new SecretFile("ADMIN_PASSWORD", "fake/admin")), List.of("-n", spec.name()),
          "/data", "/modules", "/jdbc", null, base -> {
            Readiness next = script.poll();
            return new ProbeResult(next == null ? Readiness.READY : next, "scripted");
          }, 2003);
    }

    @Override
    public GatewayClient gatewayClient(GatewayEndpoint endpoint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ArtifactCodec codec() {
      throw new UnsupportedOperationException();
    }

    @Override
    public ResourceMerger merger() {
      throw new UnsupportedOperationException();
    }
  }

  /** Writes secret values to files in a temp folder, as the secret service's leases do. */
  static final class Secrets implements SecretFiles {
    final Path dir;
    final Map<String, String> released = new ConcurrentHashMap<>();

    Secrets(Path dir) {
      this.dir = dir;
    }

    @Override
    public Map<String, Path> materialise(String environmentId, String stage, List<SecretFile> secrets, int ownerUid)
        throws IOException {
      Map<String, Path> out = new HashMap<>();
      for (SecretFile s : secrets) {
        Path f = Files.createDirectories(dir.resolve(environmentId)).resolve(s.variable());
        Files.writeString(f, "value-of-" + s.secretPath());
        out.put(s.variable(), f);
      }
      return out;
    }

    @Override
    public void release(String environmentId) {
      released.put(environmentId, "yes");
    }
  }
}
