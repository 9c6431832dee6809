package dev.stoker.runtime.docker.internal;

import dev.stoker.api.common.InvalidInputException;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.health.HealthStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RuntimeBackend} on one Docker engine, through docker-java's zero-dependency transport. One instance per
 * factory configuration of PID {@code dev.stoker.runtime.docker}; each is also the {@link HealthContributor}
 * {@code runtime:<hostId>}, refreshed in the background.
 *
 * <p>Activation never touches the network. A configuration that does not validate still registers the
 * services: health reports DOWN with the offending key and every operation fails with that message, so an admin
 * sees the mistake in {@code /api/v1/health} rather than in a log only.
 *
 * <p>Every object this backend creates carries the label {@code dev.stoker.managed-by=stoker} and
 * {@code dev.stoker.host=<hostId>}.
 */
@Component(service = {RuntimeBackend.class, HealthContributor.class}, configurationPid = DockerRuntimeBackend.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DockerHostConfig.class, factory = true)
public class DockerRuntimeBackend implements RuntimeBackend, HealthContributor, AutoCloseable {
  /** Factory PID of Docker host configurations. */
  public static final String PID = "dev.stoker.runtime.docker";
  /** Label tying a container to its environment. */
  public static final String LABEL_ENVIRONMENT = "dev.stoker.environment";
  /** Label on everything this backend creates. */
  public static final String LABEL_MANAGED_BY = "dev.stoker.managed-by";
  /** Label naming the configured host that created the object. */
  public static final String LABEL_HOST = "dev.stoker.host";
  /** Label on short-lived helper containers (value: their purpose). */
  public static final String LABEL_HELPER = "dev.stoker.helper";
  /** Volume label: image whose content seeds the volume when files are copied into it. */
  public static final String LABEL_VOLUME_IMAGE = "dev.stoker.volume.image";
  /** Volume label: path the volume is mounted at in that image. */
  public static final String LABEL_VOLUME_PATH = "dev.stoker.volume.path";
  /** Volume label: {@code uid[:gid]} owning files copied into the volume. */
  public static final String LABEL_VOLUME_OWNER = "dev.stoker.volume.owner";
  /** The empty image used as copy helper when no image is named. */
  public static final String HELPER_IMAGE = "stoker/volume-helper:1";

  private static final Logger LOG = LoggerFactory.getLogger(DockerRuntimeBackend.class);
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
  private static final String HELPER_MOUNT = "/stoker-volume";
  private static final Duration HEALTH_STALE = Duration.ofSeconds(5);

  private final String hostId;
  private final DockerHostSettings settings;
  private final String configError;
  private final DockerClient api;
  private final DockerHttpClient apiHttp;
  private final DockerClient streams;
  private final ScheduledExecutorService healthExecutor;
  private volatile ComponentHealth health;
  private volatile long probeStartedNanos;

  /** DS entry point: validates the configuration and starts background health checks. */
  @Activate
  public DockerRuntimeBackend(DockerHostConfig config) {
    this(Parsed.of(config));
  }

  /** For tests and embedding: a backend for already validated settings. */
  public DockerRuntimeBackend(DockerHostSettings settings) {
    this(new Parsed(settings.hostId(), settings, null));
  }

  private DockerRuntimeBackend(Parsed parsed) {
    this.hostId = parsed.hostId;
    this.settings = parsed.settings;
    String error = parsed.error;
    DockerClient apiClient = null;
    DockerHttpClient apiTransport = null;
    DockerClient streamClient = null;
    if (settings != null) {
      try {
        DefaultDockerClientConfig config = clientConfig(settings);
        apiTransport = http(config, settings, true);
        apiClient = DockerClientImpl.getInstance(config, apiTransport);
        streamClient = DockerClientImpl.getInstance(config, http(config, settings, false));
      } catch (RuntimeException e) {
        // e.g. unreadable TLS key material
        error = "cannot set up the client for " + settings.dockerHost() + ": " + DockerErrors.reason(e);
      }
    }
    this.configError = error;
    this.api = configError == null ? apiClient : null;
    this.apiHttp = configError == null ? apiTransport : null;
    this.streams = configError == null ? streamClient : null;
    if (configError != null) {
      LOG.error("Docker host '{}' is not usable: {}", hostId, configError);
      health = ComponentHealth.down(component(), "configuration of " + PID + " (hostId " + hostId + "): "
          + configError);
      healthExecutor = null;
      return;
    }
    health = new ComponentHealth(component(), HealthStatus.DEGRADED,
        "first check of " + settings.dockerHost() + " in progress");
    healthExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stoker-docker-health-" + hostId);
      t.setDaemon(true);
      return t;
    });
    healthExecutor.scheduleWithFixedDelay(this::refreshHealth, 0, settings.healthInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private record Parsed(String hostId, DockerHostSettings settings, String error) {
    static Parsed of(DockerHostConfig config) {
      String id = config.hostId() == null || config.hostId().isBlank() ? "unknown" : config.hostId().trim();
      try {
        DockerHostSettings s = DockerHostSettings.from(config);
        return new Parsed(s.hostId(), s, null);
      } catch (IllegalArgumentException e) {
        return new Parsed(id, null, e.getMessage());
      }
    }
  }

  private static DefaultDockerClientConfig clientConfig(DockerHostSettings s) {
    DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(s.dockerHost().toString())
        .withDockerTlsVerify(s.tlsVerify());
    if (s.tlsVerify()) {
      b.withDockerCertPath(s.certPath().toString());
    }
    return b.build();
  }

  private static DockerHttpClient http(DefaultDockerClientConfig config, DockerHostSettings s,
      boolean withReadTimeout) {
    ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(64)
        .connectionTimeout(s.connectTimeout());
    if (withReadTimeout) {
      http.responseTimeout(s.readTimeout());
    }
    return http.build();
  }

  /** Stops health checks and closes the HTTP clients. */
  @Deactivate
  @Override
  public void close() {
    if (healthExecutor != null) {
      healthExecutor.shutdownNow();
    }
    for (DockerClient c : new DockerClient[] {api, streams}) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException | RuntimeException e) {
          LOG.debug("closing docker client of host {}", hostId, e);
        }
      }
    }
  }

  @Override
  public String hostId() {
    return hostId;
  }

  /** @return the address Stoker reaches ports published on this host at (proposed for {@link RuntimeBackend}) */
  public String hostAddress() {
    return settings == null ? "127.0.0.1" : settings.hostAddress();
  }

  /** @return the docker-java client with read timeout (tests only) */
  DockerClient client() {
    return api;
  }

  /** @return the validated settings, or {@code null} when the configuration is invalid */
  public DockerHostSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- health

  private String component() {
    return "runtime:" + hostId;
  }

  @Override
  public ComponentHealth check() {
    long started = probeStartedNanos;
    if (started != 0) {
      Duration waiting = Duration.ofNanos(System.nanoTime() - started);
      if (waiting.compareTo(HEALTH_STALE) > 0) {
        return ComponentHealth.down(component(), settings.dockerHost() + " has not answered a ping for "
            + waiting.toSeconds() + " s");
      }
    }
    return health;
  }

  /** Runs one health check now, on the caller's thread (the background task does the same). */
  public ComponentHealth refreshHealth() {
    if (configError != null) {
      return health;
    }
    probeStartedNanos = System.nanoTime();
    ComponentHealth result;
    try {
      api.pingCmd().exec();
      Version v = api.versionCmd().exec();
      result = ComponentHealth.up(component(), "Docker " + v.getVersion() + " (API " + v.getApiVersion() + ", "
          + v.getOperatingSystem() + "/" + v.getArch() + ") at " + settings.dockerHost());
    } catch (RuntimeException e) {
      result = ComponentHealth.down(component(), settings.dockerHost() + ": " + DockerErrors.reason(e));
    } finally {
      probeStartedNanos = 0;
    }
    if (result.status() != health.status()) {
      if (result.status() == HealthStatus.UP) {
        LOG.info("Docker host '{}' is up: {}", hostId, result.detail());
      } else {
        LOG.warn("Docker host '{}' is down: {}", hostId, result.detail());
      }
    }
    health = result;
    return result;
  }

  // ---------------------------------------------------------------- images

  @Override
  public void ensureImage(String image) throws IOException {
    usable();
    text("image", image);
    if (imagePresent(image)) {
      return;
    }
    pull(image);
    if (!imagePresent(image)) {
      throw new DockerFailure("image '" + image + "' is still not present on docker host '" + hostId
          + "' after a pull that reported success", DockerFailure.Kind.NOT_FOUND, 404, null);
    }
  }

  private boolean imagePresent(String image) throws IOException {
    try {
      api.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw DockerErrors.failure("looking up image '" + image + "'", hostId, e);
    }
  }

  private void pull(String image) throws IOException {
    String what = "image '" + image + "' is not present on docker host '" + hostId + "' and pulling it";
    LOG.info("Pulling image {} on docker host {}", image, hostId);
    PullImageResultCallback callback = new PullImageResultCallback();
    try {
      int at = image.indexOf('@');
      int colon = image.lastIndexOf(':');
      if (at < 0 && colon > image.lastIndexOf('/')) {
        streams.pullImageCmd(image.substring(0, colon)).withTag(image.substring(colon + 1)).exec(callback);
      } else if (at < 0) {
        // Without a tag the engine would pull every tag of the repository.
        streams.pullImageCmd(image).withTag("latest").exec(callback);
      } else {
        streams.pullImageCmd(image).exec(callback);
      }
      if (!callback.awaitCompletion(settings.pullTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DockerFailure(what + " did not finish within " + settings.pullTimeout().toSeconds() + " s",
            DockerFailure.Kind.UNAVAILABLE, 0, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException(what + " was interrupted");
    } catch (RuntimeException e) {
      int status = e instanceof com.github.dockerjava.api.exception.DockerException d ? d.getHttpStatus() : 0;
      throw new DockerFailure(what + " failed: " + DockerErrors.reason(e), notFoundUnlessUnreachable(e), status, e);
    } finally {
      closeQuietly(callback);
    }
  }

  /** A failed pull means "no such image here" unless the engine itself could not be reached. */
  private static DockerFailure.Kind notFoundUnlessUnreachable(RuntimeException e) {
    if (e instanceof com.github.dockerjava.api.exception.DockerException
        || e instanceof com.github.dockerjava.api.exception.DockerClientException) {
      return DockerFailure.Kind.NOT_FOUND;
    }
    return DockerFailure.Kind.UNAVAILABLE;
  }

  // ---------------------------------------------------------------- volumes

  @Override
  public void ensureVolume(String name, Map<String, String> labels) throws IOException {
    usable();
    name("volume", name);
    try {
      api.inspectVolumeCmd(name).exec();
      return;
    } catch (NotFoundException e) {
      // create it below
    } catch (RuntimeException e) {
      throw DockerErrors.failure("looking up volume '" + name + "'", hostId, e);
    }
    try {
      api.createVolumeCmd().withName(name).withLabels(managed(labels)).exec();
      LOG.info("Created volume {} on docker host {}", name, hostId);
    } catch (RuntimeException e) {
      throw DockerErrors.failure("creating volume '" + name + "'", hostId, e);
    }
  }

  /** @return whether the named volume exists */
  public boolean volumeExists(String name) throws IOException {
    usable();
    try {
      api.inspectVolumeCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw DockerErrors.failure("looking up volume '" + name + "'", hostId, e);
    }
  }

  /** Removes a volume; nothing happens when it does not exist. Retries while a removed container still holds it. */
  @Override
  public void removeVolume(String name) throws IOException {
    usable();
    name("volume", name);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        api.removeVolumeCmd(name).exec();
        LOG.info("Removed volume {} on docker host {}", name, hostId);
        return;
      } catch (NotFoundException e) {
        return;
      } catch (ConflictException e) {
        if (System.nanoTime() > deadline) {
          throw DockerErrors.failure("removing volume '" + name + "'", hostId, e);
        }
        pause(200);
      } catch (RuntimeException e) {
        throw DockerErrors.failure("removing volume '" + name + "'", hostId, e);
      }
    }
  }

  /**
   * Copies a file into a volume. Image, mount path and owner come from the volume's labels
   * {@value #LABEL_VOLUME_IMAGE}, {@value #LABEL_VOLUME_PATH} and {@value #LABEL_VOLUME_OWNER} when present (see
   * {@link VolumeCopy}); otherwise the built-in empty helper lays the file owned by root.
   *
   * @param path path relative to the volume's root, e.g. {@code user-lib/modules/x.modl}
   */
  @Override
  public void copyIntoVolume(String volume, String path, InputStream content) throws IOException {
    usable();
    name("volume", volume);
    Map<String, String> labels;
    try {
      InspectVolumeResponse v = api.inspectVolumeCmd(volume).exec();
      labels = v.getLabels() == null ? Map.of() : v.getLabels();
    } catch (NotFoundException e) {
      throw new DockerFailure("copying into volume '" + volume + "' on docker host '" + hostId
          + "' failed: no such volume (create it with ensureVolume first)", DockerFailure.Kind.NOT_FOUND, 404, e);
    } catch (RuntimeException e) {
      throw DockerErrors.failure("looking up volume '" + volume + "'", hostId, e);
    }
    copyIntoVolume(volume, path, content, new VolumeCopy(labels.get(LABEL_VOLUME_IMAGE),
        labels.get(LABEL_VOLUME_PATH), FileOwner.parse(labels.get(LABEL_VOLUME_OWNER))));
  }

  /**
   * Copies a file into a volume through a helper container that is created from {@code how.image()} with the
   * volume mounted, never started, and removed afterwards (also on failure). Proposed for {@link RuntimeBackend}.
   *
   * @param volume existing volume
   * @param path path relative to the volume's root
   * @param content file content (read to the end, not closed)
   * @param how helper image, mount path and owner
   */
  public void copyIntoVolume(String volume, String path, InputStream content, VolumeCopy how) throws IOException {
    usable();
    name("volume", volume);
    Objects.requireNonNull(content, "content");
    String relative = relativePath(path);
    String image = how.image() == null || how.image().isBlank() ? helperImage() : how.image();
    if (how.image() != null && !how.image().isBlank()) {
      ensureImage(image);
    }
    String mountPath = how.mountPath() == null || how.mountPath().isBlank() ? HELPER_MOUNT : how.mountPath();
    absolute("mountPath", mountPath);
    FileOwner owner = how.owner() != null ? how.owner() : imageUser(image);
    String what = "copying '" + relative + "' into volume '" + volume + "'";
    Path file = Files.createTempFile("stoker-content-", ".bin");
    Path tar = null;
    String helper = null;
    try {
      Files.copy(content, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      // Extracted at "/" with the mount point in the names: the engine leaves the folder it extracts into
      // untouched, and the root of a volume laid by the empty helper would otherwise stay root-owned. Folders
      // above the mount point belong to the helper's own layer, which is thrown away.
      tar = Tars.singleFile(Tars.relative(mountPath), relative, file, owner, how.image() == null);
      helper = createHelper(image, volume, mountPath, "copy");
      try (InputStream in = Files.newInputStream(tar)) {
        api.copyArchiveToContainerCmd(helper).withRemotePath("/").withTarInputStream(in).exec();
      } catch (RuntimeException e) {
        throw DockerErrors.failure(what, hostId, e);
      }
      LOG.debug("Copied {} into volume {} on docker host {}", relative, volume, hostId);
    } finally {
      if (helper != null) {
        removeHelper(helper);
      }
      Files.deleteIfExists(file);
      if (tar != null) {
        Files.deleteIfExists(tar);
      }
    }
  }

  /** Lays a file owned by {@code ownerUid:ownerUid}, mode 0644; see the {@link FileOwner} form. */
  @Override
  public void copyIntoContainer(String containerId, String path, InputStream content, int ownerUid)
      throws IOException {
    copyIntoContainer(containerId, path, content, new FileOwner(ownerUid, ownerUid, 0644));
  }

  /**
   * Copies a file into a created (or stopped) container, e.g. modules into the image's module folder before
   * the first start. The folder {@code path} lies in must exist in the container ({@link RuntimeBackend} has
   * the uid-only form).
   *
   * @param containerId container id or name
   * @param path absolute path of the file inside the container
   * @param content file content (read to the end, not closed)
   * @param owner owner and mode of the file
   */
  public void copyIntoContainer(String containerId, String path, InputStream content, FileOwner owner)
      throws IOException {
    usable();
    text("containerId", containerId);
    absolute("path", path);
    String relative = relativePath(path);
    int slash = relative.lastIndexOf('/');
    String parent = slash < 0 ? "/" : "/" + relative.substring(0, slash);
    String fileName = relative.substring(slash + 1);
    String what = "copying '" + path + "' into container '" + containerId + "'";
    Path file = Files.createTempFile("stoker-content-", ".bin");
    Path tar = null;
    try {
      Files.copy(content, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      tar = Tars.singleFile("", fileName, file, owner == null ? FileOwner.ROOT : owner, false);
      try (InputStream in = Files.newInputStream(tar)) {
        api.copyArchiveToContainerCmd(containerId).withRemotePath(parent).withTarInputStream(in).exec();
      } catch (RuntimeException e) {
        throw DockerErrors.failure(what, hostId, e);
      }
    } finally {
      Files.deleteIfExists(file);
      if (tar != null) {
        Files.deleteIfExists(tar);
      }
    }
  }

  private String createHelper(String image, String volume, String mountPath, String purpose) throws IOException {
    String name = "stoker-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 12);
    Map<String, String> labels = managed(Map.of(LABEL_HELPER, purpose));
    try {
      return api.createContainerCmd(image)
          .withName(name)
          .withLabels(labels)
          // Never started: an entrypoint that cannot exist makes an accidental start fail loudly.
          .withEntrypoint("/stoker-helper-is-never-started")
          .withNetworkDisabled(true)
          .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume(mountPath))))
          .exec()
          .getId();
    } catch (RuntimeException e) {
      throw DockerErrors.failure("creating helper container from image '" + image + "' for volume '" + volume
          + "'", hostId, e);
    }
  }

  private void removeHelper(String id) {
    try {
      api.removeContainerCmd(id).withForce(true).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (RuntimeException e) {
      LOG.warn("Could not remove helper container {} on docker host {}: {}", id, hostId, DockerErrors.reason(e));
    }
  }

  /** The empty helper image, imported once from a one-folder archive (no registry needed). */
  private String helperImage() throws IOException {
    if (imagePresent(HELPER_IMAGE)) {
      return HELPER_IMAGE;
    }
    int colon = HELPER_IMAGE.lastIndexOf(':');
    // docker-java 3.5.0's CreateImageCmd serialises the stream as JSON: talk to the transport directly.
    String path = "/images/create?fromSrc=-&repo=" + HELPER_IMAGE.substring(0, colon) + "&tag="
        + HELPER_IMAGE.substring(colon + 1) + "&changes=" + java.net.URLEncoder.encode(
            "LABEL " + LABEL_MANAGED_BY + "=stoker", java.nio.charset.StandardCharsets.UTF_8);
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.POST)
        .path(path)
        .putHeader("Content-Type", "application/x-tar")
        .bodyBytes(Tars.emptyRootFs(HELPER_MOUNT.substring(1)))
        .build();
    try (DockerHttpClient.Response response = apiHttp.execute(request)) {
      String body = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (response.getStatusCode() != 200 || body.contains("\"error")) {
        throw new DockerFailure("importing helper image '" + HELPER_IMAGE + "' on docker host '" + hostId
            + "' failed: HTTP " + response.getStatusCode() + " " + body.strip(), DockerFailure.Kind.ERROR,
            response.getStatusCode(), null);
      }
    } catch (RuntimeException e) {
      throw DockerErrors.failure("importing helper image '" + HELPER_IMAGE + "'", hostId, e);
    }
    LOG.info("Imported helper image {} on docker host {}", HELPER_IMAGE, hostId);
    return HELPER_IMAGE;
  }

  /** The image's {@code USER} when numeric ({@code 2003:2003}), else root. */
  private FileOwner imageUser(String image) throws IOException {
    try {
      InspectImageResponse r = api.inspectImageCmd(image).exec();
      String user = r.getConfig() == null ? null : r.getConfig().getUser();
      FileOwner owner = FileOwner.parse(user);
      return owner == null ? FileOwner.ROOT : owner;
    } catch (RuntimeException e) {
      throw DockerErrors.failure("looking up image '" + image + "'", hostId, e);
    }
  }

  // ---------------------------------------------------------------- containers

  @Override
  public String create(ContainerSpec spec) throws IOException {
    return create(spec, CreateOptions.NONE);
  }

  /**
   * Creates a container with what {@link ContainerSpec} cannot say yet. Proposed for {@link RuntimeBackend}.
   *
   * @return the id of the created (not started) container
   */
  public String create(ContainerSpec spec, CreateOptions options) throws IOException {
    usable();
    name("container name", spec.name());
    text("image", spec.image());
    String what = "creating container '" + spec.name() + "' from image '" + spec.image() + "'";

    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    for (Map.Entry<Integer, Integer> p : new java.util.TreeMap<>(spec.ports()).entrySet()) {
      int container = p.getKey();
      int host = p.getValue() == null ? 0 : p.getValue();
      if (container <= 0 || container > 65535 || host < 0 || host > 65535) {
        throw new InvalidInputException("ports: " + container + " → " + host + " is not a valid port mapping");
      }
      ExposedPort port = ExposedPort.tcp(container);
      exposed.add(port);
      // Without an address the engine binds IPv4 and IPv6 and may give each a different free port; a port
      // recorded from IPv4 and asked for again (a gateway keeping its address across a restart) can then be
      // taken on IPv6 by another container. IPv4 on all interfaces is what Stoker reads and publishes.
      String ip = settings.publishAddress().isEmpty() ? "0.0.0.0" : settings.publishAddress();
      // An empty host port lets the engine choose a free one.
      bindings.bind(port, new Ports.Binding(ip, host == 0 ? "" : Integer.toString(host)));
    }

    List<Bind> binds = new ArrayList<>();
    if (spec.volume() != null) {
      name("volume", spec.volume());
      absolute("volumePath", spec.volumePath());
      binds.add(new Bind(spec.volume(), new Volume(spec.volumePath())));
    }
    for (Map.Entry<String, String> v : options.volumes().entrySet()) {
      name("volume", v.getKey());
      absolute("volume path", v.getValue());
      binds.add(new Bind(v.getKey(), new Volume(v.getValue())));
    }
    for (Map.Entry<Path, String> f : spec.files().entrySet()) {
      absolute("files", f.getValue());
      checkHostFile(spec.name(), f.getKey());
      binds.add(new Bind(f.getKey().toAbsolutePath().toString(), new Volume(f.getValue()), AccessMode.ro));
    }

    HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings).withBinds(binds);
    ResourceLimits limits = spec.limits() == null ? ResourceLimits.NONE : spec.limits();
    if (limits.memoryBytes() > 0) {
      host.withMemory(limits.memoryBytes());
    }
    if (limits.cpus() > 0) {
      host.withNanoCPUs((long) (limits.cpus() * 1_000_000_000L));
    }
    Duration grace = options.stopGrace() != null ? options.stopGrace() : settings.stopGrace();

    List<String> env = new ArrayList<>();
    new java.util.TreeMap<>(spec.environment()).forEach((k, v) -> env.add(k + "=" + v));
    try {
      CreateContainerCmd cmd = api.createContainerCmd(spec.image())
          .withName(spec.name())
          .withEnv(env)
          .withLabels(managed(spec.labels()))
          .withExposedPorts(exposed)
          .withStopTimeout((int) Math.min(Integer.MAX_VALUE, grace.toSeconds()))
          .withHostConfig(host);
      if (!spec.args().isEmpty()) {
        cmd.withCmd(spec.args());
      }
      String id = cmd.exec().getId();
      LOG.info("Created container {} ({}) from {} on docker host {}", spec.name(), id.substring(0, 12),
          spec.image(), hostId);
      return id;
    } catch (RuntimeException e) {
      throw DockerErrors.failure(what, hostId, e);
    }
  }

  /** Bind sources live on the engine's machine: they can be checked only when that is this machine. */
  private void checkHostFile(String container, Path file) throws IOException {
    if (!"unix".equals(settings.dockerHost().getScheme())) {
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new DockerFailure("creating container '" + container + "' on docker host '" + hostId
          + "' failed: file to mount '" + file + "' does not exist or is not a regular file",
          DockerFailure.Kind.REJECTED, 0, null);
    }
  }

  @Override
  public void start(String containerId) throws IOException {
    usable();
    text("containerId", containerId);
    try {
      api.startContainerCmd(containerId).exec();
    } catch (NotModifiedException e) {
      // already running
    } catch (RuntimeException e) {
      throw DockerErrors.failure("starting container '" + containerId + "'", hostId, e);
    }
  }

  /** Stops a container, waiting up to the grace period it was created with; a stopped one is left as is. */
  @Override
  public void stop(String containerId) throws IOException {
    stop(containerId, null);
  }

  /**
   * Stops a container: SIGTERM, then SIGKILL after {@code grace} ({@code null}: the container's own). Proposed
   * for {@link RuntimeBackend}.
   */
  public void stop(String containerId, Duration grace) throws IOException {
    usable();
    text("containerId", containerId);
    try {
      // The stream client has no read timeout: stopping may take the whole grace period.
      var cmd = streams.stopContainerCmd(containerId);
      if (grace != null) {
        cmd.withTimeout((int) Math.min(Integer.MAX_VALUE, grace.toSeconds()));
      }
      cmd.exec();
    } catch (NotModifiedException e) {
      // not running
    } catch (RuntimeException e) {
      throw DockerErrors.failure("stopping container '" + containerId + "'", hostId, e);
    }
  }

  /**
   * Removes a container (killing it when it runs) and waits until the engine no longer knows it; then removes
   * {@code volume} when given. Missing container or volume is not an error.
   */
  @Override
  public void remove(String containerId, String volume) throws IOException {
    usable();
    text("containerId", containerId);
    try {
      api.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (ConflictException e) {
      // "removal already in progress": wait for it below
    } catch (RuntimeException e) {
      throw DockerErrors.failure("removing container '" + containerId + "'", hostId, e);
    }
    awaitRemoved(containerId, Duration.ofSeconds(30));
    if (volume != null && !volume.isBlank()) {
      removeVolume(volume);
    }
    LOG.info("Removed container {}{} on docker host {}", containerId,
        volume == null ? "" : " and volume " + volume, hostId);
  }

  /** Waits until the engine no longer knows the container. Proposed for {@link RuntimeBackend}. */
  public void awaitRemoved(String containerId, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        api.inspectContainerCmd(containerId).exec();
      } catch (NotFoundException e) {
        return;
      } catch (RuntimeException e) {
        throw DockerErrors.failure("waiting for the removal of container '" + containerId + "'", hostId, e);
      }
      if (System.nanoTime() > deadline) {
        throw new DockerFailure("container '" + containerId + "' on docker host '" + hostId
            + "' was still present " + timeout.toSeconds() + " s after its removal", DockerFailure.Kind.ERROR,
            0, null);
      }
      pause(100);
    }
  }

  @Override
  public List<ContainerInfo> list(Map<String, String> labels) throws IOException {
    usable();
    try {
      var cmd = api.listContainersCmd().withShowAll(true);
      if (labels != null && !labels.isEmpty()) {
        cmd.withLabelFilter(labels);
      }
      List<ContainerInfo> out = new ArrayList<>();
      for (Container c : cmd.exec()) {
        out.add(new ContainerInfo(c.getId(), name(c.getNames()), c.getImage(), "running".equals(c.getState()),
            ports(c.getPorts()), c.getLabels() == null ? Map.of() : c.getLabels()));
      }
      return out;
    } catch (RuntimeException e) {
      throw DockerErrors.failure("listing containers labelled " + labels, hostId, e);
    }
  }

  /**
   * @return the container's state, exit code and published ports. Proposed for {@link RuntimeBackend}.
   * @throws DockerFailure of kind {@code NOT_FOUND} when there is no such container
   */
  public ContainerStatus inspect(String containerId) throws IOException {
    usable();
    text("containerId", containerId);
    try {
      InspectContainerResponse r = api.inspectContainerCmd(containerId).exec();
      InspectContainerResponse.ContainerState s = r.getState();
      boolean running = s != null && Boolean.TRUE.equals(s.getRunning());
      String status = s == null || s.getStatus() == null ? "unknown" : s.getStatus();
      Integer exit = s == null || s.getExitCodeLong() == null || running || "created".equals(status) ? null
          : s.getExitCodeLong().intValue();
      Map<Integer, Integer> ports = new HashMap<>();
      if (r.getNetworkSettings() != null && r.getNetworkSettings().getPorts() != null) {
        r.getNetworkSettings().getPorts().getBindings().forEach((port, bound) -> {
          if (bound != null) {
            for (Ports.Binding b : bound) {
              Integer hostPort = parsePort(b.getHostPortSpec());
              if (hostPort != null && (!ports.containsKey(port.getPort()) || isIpv4(b.getHostIp()))) {
                ports.put(port.getPort(), hostPort);
              }
            }
          }
        });
      }
      Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of()
          : r.getConfig().getLabels();
      return new ContainerStatus(r.getId(), strip(r.getName()), r.getConfig() == null ? null
          : r.getConfig().getImage(), running, status, exit, s != null && Boolean.TRUE.equals(s.getOOMKilled()),
          s == null || s.getError() == null ? "" : s.getError(), instant(s == null ? null : s.getStartedAt()),
          instant(s == null ? null : s.getFinishedAt()), ports, labels);
    } catch (RuntimeException e) {
      throw DockerErrors.failure("inspecting container '" + containerId + "'", hostId, e);
    }
  }

  /**
   * @param tail last lines to return; negative for all
   * @param follow whether to keep streaming until the container stops or the stream is closed
   */
  @Override
  public InputStream logs(String containerId, int tail, boolean follow) throws IOException {
    usable();
    text("containerId", containerId);
    LogStream stream = new LogStream(containerId);
    try {
      LogContainerCmd cmd = (follow ? streams : api).logContainerCmd(containerId)
          .withStdOut(true).withStdErr(true).withFollowStream(follow);
      if (tail < 0) {
        cmd.withTailAll();
      } else {
        cmd.withTail(tail);
      }
      ResultCallback<?> unused = cmd.exec(stream.callback());
      return stream;
    } catch (RuntimeException e) {
      stream.close();
      throw DockerErrors.failure("reading logs of container '" + containerId + "'", hostId, e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void usable() throws IOException {
    if (configError != null) {
      throw new DockerFailure("docker host '" + hostId + "' is misconfigured (" + PID + "): " + configError,
          DockerFailure.Kind.UNAVAILABLE, 0, null);
    }
  }

  private Map<String, String> managed(Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels == null ? Map.of() : labels);
    all.put(LABEL_MANAGED_BY, "stoker");
    all.put(LABEL_HOST, hostId);
    return all;
  }

  private static Map<Integer, Integer> ports(ContainerPort[] ports) {
    Map<Integer, Integer> out = new HashMap<>();
    if (ports == null) {
      return out;
    }
    for (ContainerPort p : ports) {
      if (p.getPrivatePort() != null && p.getPublicPort() != null
          && (!out.containsKey(p.getPrivatePort()) || isIpv4(p.getIp()))) {
        out.put(p.getPrivatePort(), p.getPublicPort());
      }
    }
    return out;
  }

  private static boolean isIpv4(String ip) {
    return ip != null && !ip.contains(":");
  }

  private static Integer parsePort(String spec) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(spec.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String name(String[] names) {
    return names == null || names.length == 0 ? "" : strip(names[0]);
  }

  private static String strip(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }

  private static Instant instant(String s) {
    if (s == null || s.isBlank() || s.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void name(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new InvalidInputException(what + " '" + value
          + "' is not a valid Docker name (letters, digits, '_', '.', '-'; starting with a letter or digit)");
    }
  }

  private static void text(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(what + " is required");
    }
  }

  private static void absolute(String what, String path) {
    if (path == null || !path.startsWith("/")) {
      throw new InvalidInputException(what + ": '" + path + "' must be an absolute path inside the container");
    }
  }

  private static String relativePath(String path) {
    return Tars.relative(path);
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // nothing left to release
    }
  }
}
