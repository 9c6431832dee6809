package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.runtime.ContainerStats;
import dev.stoker.api.runtime.FilesystemUsage;
import dev.stoker.api.runtime.RuntimeBackend;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

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
 * {@code dev.stoker.host=<hostId>} ({@link Labels}).
 *
 * <p>This component only wires the collaborators that do the work over one {@link Engine} connection:
 * {@link EngineHealth}, {@link Images}, {@link Volumes}, {@link FileCopies}, {@link Containers} (with
 * {@link ContainerSpecs} and {@link ContainerViews}), {@link Logs} and {@link Stats}.
 */
@Component(service = {RuntimeBackend.class, HealthContributor.class}, configurationPid = DockerRuntimeBackend.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DockerHostConfig.class, factory = true)
public class DockerRuntimeBackend implements RuntimeBackend, HealthContributor, AutoCloseable {
  /** Factory PID of Docker host configurations. */
  public static final String PID = "dev.stoker.runtime.docker";

  private final Engine engine;
  private final EngineHealth health;
  private final Images images;
  private final Volumes volumes;
  private final FileCopies copies;
  private final Archives archives;
  private final DirectoryReplace directories;
  private final Containers containers;
  private final Logs logs;
  private final Stats stats;

  /** DS entry point: validates the configuration and starts background health checks. */
  @Activate
  public DockerRuntimeBackend(DockerHostConfig config) {
    this(connect(config));
  }

  /** For tests and embedding: a backend for already validated settings. */
  public DockerRuntimeBackend(DockerHostSettings settings) {
    this(new Engine(settings.hostId(), settings, null));
  }

  private DockerRuntimeBackend(Engine engine) {
    this.engine = engine;
    this.health = new EngineHealth(engine);
    this.images = new Images(engine);
    this.volumes = new Volumes(engine);
    this.copies = new FileCopies(engine, images, volumes);
    this.directories = new DirectoryReplace(engine);
    this.archives = new Archives(engine);
    this.containers = new Containers(engine, volumes);
    this.logs = new Logs(engine);
    this.stats = new Stats(engine, java.time.Clock.systemUTC());
  }

  private static Engine connect(DockerHostConfig config) {
    String id = config.hostId() == null || config.hostId().isBlank() ? "unknown" : config.hostId().trim();
    try {
      DockerHostSettings s = DockerHostSettings.from(config);
      return new Engine(s.hostId(), s, null);
    } catch (IllegalArgumentException e) {
      return new Engine(id, null, e.getMessage());
    }
  }

  /** Stops health checks and closes the HTTP clients. */
  @Deactivate
  @Override
  public void close() {
    health.close();
    engine.close();
  }

  @Override
  public String hostId() {
    return engine.hostId();
  }

  /** @return the address Stoker reaches ports published on this host at (proposed for {@link RuntimeBackend}) */
  public String hostAddress() {
    return engine.settings() == null ? "127.0.0.1" : engine.settings().hostAddress();
  }

  /** @return the docker-java client with read timeout (tests only) */
  DockerClient client() {
    return engine.api();
  }

  /** @return the validated settings, or {@code null} when the configuration is invalid */
  public DockerHostSettings settings() {
    return engine.settings();
  }

  @Override
  public ComponentHealth check() {
    return health.check();
  }

  /** Runs one health check now, on the caller's thread (the background task does the same). */
  public ComponentHealth refreshHealth() {
    return health.refresh();
  }

  @Override
  public void ensureImage(String image) throws IOException {
    images.ensure(image);
  }

  @Override
  public void ensureVolume(String name, Map<String, String> labels) throws IOException {
    volumes.ensure(name, labels);
  }

  /** @return whether the named volume exists */
  public boolean volumeExists(String name) throws IOException {
    return volumes.exists(name);
  }

  /** Removes a volume; nothing happens when it does not exist. Retries while a removed container still holds it. */
  @Override
  public void removeVolume(String name) throws IOException {
    volumes.remove(name);
  }

  /**
   * Copies a file into a volume. Image, mount path and owner come from the volume's labels
   * {@value Labels#VOLUME_IMAGE}, {@value Labels#VOLUME_PATH} and {@value Labels#VOLUME_OWNER} when present (see
   * {@link VolumeCopy}); otherwise the built-in empty helper lays the file owned by root.
   *
   * @param path path relative to the volume's root, e.g. {@code user-lib/modules/x.modl}
   */
  @Override
  public void copyIntoVolume(String volume, String path, InputStream content) throws IOException {
    copies.intoVolume(volume, path, content);
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
    copies.intoVolume(volume, path, content, how);
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
    copies.intoContainer(containerId, path, content, owner);
  }

  /** Files owned by {@code ownerUid:ownerUid}, mode 0644; see {@link DirectoryReplace}. */
  @Override
  public void replaceDirectory(String containerId, String path, SortedMap<String, byte[]> files, int ownerUid)
      throws IOException {
    directories.replace(containerId, path, files, new FileOwner(ownerUid, ownerUid, 0644));
  }

  @Override
  public InputStream readArchive(String containerId, String path) throws IOException {
    return archives.read(containerId, path);
  }

  @Override
  public void extractArchive(String containerId, String parent, InputStream tar) throws IOException {
    archives.extract(containerId, parent, tar);
  }

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
    return containers.create(spec, options);
  }

  @Override
  public void start(String containerId) throws IOException {
    containers.start(containerId);
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
    containers.stop(containerId, grace);
  }

  /**
   * Removes a container (killing it when it runs) and waits until the engine no longer knows it; then removes
   * {@code volume} when given. Missing container or volume is not an error.
   */
  @Override
  public void remove(String containerId, String volume) throws IOException {
    containers.remove(containerId, volume);
  }

  /** Waits until the engine no longer knows the container. Proposed for {@link RuntimeBackend}. */
  public void awaitRemoved(String containerId, Duration timeout) throws IOException {
    containers.awaitRemoved(containerId, timeout);
  }

  @Override
  public List<ContainerInfo> list(Map<String, String> labels) throws IOException {
    return containers.list(labels);
  }

  /**
   * @return the container's state, exit code and published ports. Proposed for {@link RuntimeBackend}.
   * @throws DockerFailure of kind {@code NOT_FOUND} when there is no such container
   */
  public ContainerStatus inspect(String containerId) throws IOException {
    return containers.inspect(containerId);
  }

  /**
   * @param tail last lines to return; negative for all
   * @param follow whether to keep streaming until the container stops or the stream is closed
   */
  @Override
  public InputStream logs(String containerId, int tail, boolean follow) throws IOException {
    return logs.open(containerId, tail, follow);
  }
  @Override
  public ContainerStats stats(String containerId) throws IOException {
    return stats.read(containerId);
  }

  @Override
  public FilesystemUsage filesystemUsage(String containerId, String path) throws IOException {
    return stats.filesystem(containerId, path);
  }

}
