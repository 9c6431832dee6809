package dev.stoker.environments.internal;

import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.runtime.RuntimeBackend;
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
    /** container id → path → sha-less content laid into it before its start */
    final Map<String, Map<String, byte[]>> laid = new ConcurrentHashMap<>();
    final Set<String> missingImages = ConcurrentHashMap.newKeySet();
    /** the host does not answer */
    volatile boolean down;
    /** the next start fails as if a published port were taken */
    volatile boolean portTaken;
    private final AtomicInteger nextPort = new AtomicInteger(40000);
    private final String hostId;

    Backend() {
      this("local");
    }

    Backend(String hostId) {
      this.hostId = hostId;
    }

    @Override
    public String hostId() {
      return hostId;
    }

    @Override
    public void ensureImage(String image) throws IOException {
      if (missingImages.contains(image)) {
        throw new IOException("image '" + image + "' is not present on docker host 'local' and pulling it failed:"
            + " not found");
      }
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
    public void start(String containerId) throws IOException {
      if (portTaken) {
        throw new IOException("starting container '" + containerId + "' failed: Bind for 0.0.0.0:8088 failed: port is"
            + " already allocated");
      }
      running.put(containerId, true);
    }

    @Override
    public void copyIntoContainer(String containerId, String path, InputStream content, int ownerUid)
        throws IOException {
      laid.computeIfAbsent(containerId, k -> new ConcurrentHashMap<>()).put(path, content.readAllBytes());
    }

    /** container id + " " + absolute path + " uid " + uid → files replaced there while it ran */
    final Map<String, java.util.SortedMap<String, byte[]>> replaced = new ConcurrentHashMap<>();

    @Override
    public void replaceDirectory(String containerId, String path, java.util.SortedMap<String, byte[]> files,
        int ownerUid) {
      replaced.put(containerId + " " + path + " uid " + ownerUid, files);
    }

    @Override
    public void removeVolume(String volume) {
      volumes.remove(volume);
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
    public List<ContainerInfo> list(Map<String, String> labels) throws IOException {
      if (down) {
        throw new IOException("docker host 'local' at unix:///var/run/docker.sock: cannot connect");
      }
      List<ContainerInfo> out = new ArrayList<>();
      specs.forEach((id, s) -> {
        if (s.labels().entrySet().containsAll(labels.entrySet())) {
          out.add(new ContainerInfo(id, s.name(), s.image(), running.getOrDefault(id, false), s.ports(), s.labels()));
        }
      });
      return out;
    }

    /** the data folder a snapshot reads, as a tar; {@code null}: the host cannot read archives */
    volatile byte[] dataArchive;
    /** container id → state it was in when its data folder was read ("running" or "stopped") */
    final Map<String, String> archivedWhile = new ConcurrentHashMap<>();
    /** container id → parent folder + " " + the archive extracted there before its start */
    final Map<String, String> extracted = new ConcurrentHashMap<>();

    @Override
    public InputStream readArchive(String containerId, String path) throws IOException {
      if (dataArchive == null) {
        throw new IOException("docker host 'local': reading '" + path + "' failed: no such container");
      }
      archivedWhile.put(containerId, running.getOrDefault(containerId, false) ? "running" : "stopped");
      return new ByteArrayInputStream(dataArchive);
    }

    @Override
    public void extractArchive(String containerId, String parent, InputStream tar) throws IOException {
      extracted.put(containerId, parent + " " + new String(tar.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Override
    public InputStream logs(String containerId, int tail, boolean follow) {
      return new ByteArrayInputStream(("log of " + containerId + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A platform whose probe answers from a script, then READY. */
  static final class Adapter implements PlatformAdapter {
    final ConcurrentLinkedQueue<Readiness> script = new ConcurrentLinkedQueue<>();
    /** what the gateway's backup call answers */
    volatile byte[] backup;
    /** the gateway cannot take a backup while it runs (as Ignition 8.1) */
    volatile boolean noBackupApi;
    final List<GatewayEndpoint> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public PlatformDescriptor descriptor() {
      return new PlatformDescriptor("fake", "Fake", "test", "1", List.of(new PlatformVersion("1", "1.0", "fake:1.0")),
          Set.of(Capability.RUNTIME, Capability.BACKUP));
    }

    @Override
    public RuntimeProfile runtimeProfile(EnvironmentSpec spec) {
      if ("9.9".equals(spec.version())) {
        throw new IllegalArgumentException("version: 9.9 is not supported");
      }
      if (spec.version() == null && spec.image() == null) {
        throw new IllegalArgumentException("version: required");
      }
      List<String> args = new ArrayList<>(List.of("-n", spec.name()));
      if (spec.restoreBackup() != null) {
        args.addAll(List.of("-r", "/restore.gwbk"));
      }
      return new RuntimeProfile(spec.image() != null ? spec.image() : "fake:" + spec.version(),
          List.of(new PortSpec("http", 8088, "tcp"), new PortSpec("gan", 8060, "tcp")),
          Map.of("ACCEPT_EULA", "Y"), List.of(new SecretFile("ADMIN_PASSWORD", "fake/admin")), args,
          "/data", "/modules", "/jdbc", spec.restoreBackup() == null ? null : "/restore.gwbk", base -> {
            Readiness next = script.poll();
            return new ProbeResult(next == null ? Readiness.READY : next, "scripted");
          }, 2003);
    }

    @Override
    public GatewayClient gatewayClient(GatewayEndpoint endpoint) {
      clients.add(endpoint);
      return (GatewayClient) java.lang.reflect.Proxy.newProxyInstance(Fakes.class.getClassLoader(),
          new Class<?>[] {GatewayClient.class}, (proxy, method, args) -> {
            if (method.getName().equals("takesBackups")) {
              return !noBackupApi;
            }
            if (method.getName().equals("backup")) {
              if (backup == null) {
                throw new IOException("gateway: GET backup answered HTTP 401");
              }
              return new ByteArrayInputStream(backup);
            }
            throw new UnsupportedOperationException(method.getName());
          });
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
    Path dir;
    final Map<String, String> released = new ConcurrentHashMap<>();
    final Set<String> absent = ConcurrentHashMap.newKeySet();
    /** Who each materialisation was for (the name the secret service audits the lease under). */
    final List<String> readFor = new java.util.concurrent.CopyOnWriteArrayList<>();

    Secrets(Path dir) {
      this.dir = dir;
    }

    @Override
    public Map<String, Path> materialise(String environmentId, String stage, List<SecretFile> secrets, int ownerUid,
        String actor) throws IOException {
      readFor.add(actor);
      Map<String, Path> out = new HashMap<>();
      for (SecretFile s : secrets) {
        Path f = Files.createDirectories(dir.resolve(environmentId)).resolve(s.variable());
        Files.writeString(f, "value-of-" + s.secretPath());
        out.put(s.variable(), f);
      }
      return out;
    }

    @Override
    public List<SecretFile> missing(String stage, List<SecretFile> secrets) {
      return secrets.stream().filter(s -> absent.contains(s.secretPath())).toList();
    }

    @Override
    public void release(String environmentId) {
      released.put(environmentId, "yes");
    }
  }

  /** A blob store in memory. */
  static final class Blobs implements dev.stoker.api.repository.BlobStore {
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public dev.stoker.api.repository.BlobRef put(InputStream content, long maxBytes) throws IOException {
      byte[] bytes = content.readAllBytes();
      if (bytes.length > maxBytes) {
        throw new IllegalArgumentException("blob: too large");
      }
      String sha;
      try {
        sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      blobs.put(sha, bytes);
      return new dev.stoker.api.repository.BlobRef(sha, bytes.length);
    }

    @Override
    public java.util.Optional<InputStream> open(String sha256) {
      byte[] b = blobs.get(sha256);
      return b == null ? java.util.Optional.empty() : java.util.Optional.of(new ByteArrayInputStream(b));
    }

    @Override
    public boolean contains(String sha256) {
      return blobs.containsKey(sha256);
    }
  }

  /** The secret service as far as API keys are concerned: one secret per reference. */
  static dev.stoker.api.secrets.SecretService secretService(Map<String, String> values) {
    return secretService(values, new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  /** The same, noting who each reveal was for in {@code revealedFor}. */
  static dev.stoker.api.secrets.SecretService secretService(Map<String, String> values, List<String> revealedFor) {
    return (dev.stoker.api.secrets.SecretService) java.lang.reflect.Proxy.newProxyInstance(Fakes.class.getClassLoader(),
        new Class<?>[] {dev.stoker.api.secrets.SecretService.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "metadata": {
              var scope = (dev.stoker.api.secrets.SecretScope) args[0];
              String key = dev.stoker.api.secrets.Scopes.format(scope) + ":" + args[1];
              return values.containsKey(key) ? java.util.Optional.of(new dev.stoker.api.secrets.SecretMetadata(
                  (String) args[1], scope, dev.stoker.api.secrets.SecretType.API_TOKEN, 1, "test",
                  java.time.Instant.EPOCH, null, Map.of())) : java.util.Optional.empty();
            }
            case "reveal": {
              revealedFor.add((String) args[3]);
              var scope = (dev.stoker.api.secrets.SecretScope) args[0];
              return values.get(dev.stoker.api.secrets.Scopes.format(scope) + ":" + args[1])
                  .getBytes(StandardCharsets.UTF_8);
            }
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  /**
   * The stage rules as shipped (the real policy), over users with fixed roles: {@code a}, {@code ann} and
   * {@code erin} are engineers, {@code lee} a lead, {@code vic} a viewer.
   */
  static dev.stoker.api.security.StagePolicy stagePolicy(Map<String, Object> rules) {
    return stagePolicy(rules, Map.of());
  }

  /**
   * The same with restricted projects: {@code bindings} maps each to the roles of its members (on every stage);
   * there everyone else is no member, every other project is open.
   */
  static dev.stoker.api.security.StagePolicy stagePolicy(Map<String, Object> rules,
      Map<String, Map<String, dev.stoker.api.security.Role>> bindings) {
    Map<String, dev.stoker.api.security.Role> roles = Map.of("a", dev.stoker.api.security.Role.ENGINEER,
        "ann", dev.stoker.api.security.Role.ENGINEER, "erin", dev.stoker.api.security.Role.ENGINEER,
        "lee", dev.stoker.api.security.Role.LEAD, "vic", dev.stoker.api.security.Role.VIEWER);
    var users = (dev.stoker.api.security.UserService) java.lang.reflect.Proxy.newProxyInstance(
        Fakes.class.getClassLoader(), new Class<?>[] {dev.stoker.api.security.UserService.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("find")) {
            throw new UnsupportedOperationException(method.getName());
          }
          var role = roles.get((String) args[0]);
          return java.util.Optional.ofNullable(role == null ? null
              : new dev.stoker.api.security.User((String) args[0], role, java.time.Instant.EPOCH, "test", false));
        });
    var members = (dev.stoker.api.security.ProjectMemberService) java.lang.reflect.Proxy.newProxyInstance(
        Fakes.class.getClassLoader(), new Class<?>[] {dev.stoker.api.security.ProjectMemberService.class},
        (proxy, method, args) -> java.util.Optional.ofNullable(bindings.containsKey((String) args[1])
            ? bindings.get((String) args[1]).get((String) args[0]) : roles.get((String) args[0])));
    return new dev.stoker.security.internal.StagePolicyImpl(users, members, rules);
  }

  /** An audit log that keeps what it is given. */
  static final class Audit implements dev.stoker.api.security.AuditLog {
    final List<dev.stoker.api.security.AuditRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public dev.stoker.api.security.AuditEntry append(dev.stoker.api.security.AuditRecord record) {
      records.add(record);
      return null;
    }

    @Override
    public dev.stoker.api.common.Page<dev.stoker.api.security.AuditEntry> find(
        dev.stoker.api.security.AuditQuery query, dev.stoker.api.common.PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public dev.stoker.api.security.ChainVerification verify() {
      throw new UnsupportedOperationException();
    }
  }
}
