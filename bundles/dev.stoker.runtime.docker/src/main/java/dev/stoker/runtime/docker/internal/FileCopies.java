package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays single files into volumes and containers through the engine's archive API: the content is spooled to a
 * temporary file, wrapped in a one-entry tar with owner and mode, and extracted by the engine. Volumes are
 * reached through a helper container that is created (never started) and removed afterwards.
 */
final class FileCopies {
  private static final Logger LOG = LoggerFactory.getLogger(FileCopies.class);

  private final Engine engine;
  private final Images images;
  private final Volumes volumes;

  FileCopies(Engine engine, Images images, Volumes volumes) {
    this.engine = engine;
    this.images = images;
    this.volumes = volumes;
  }

  /** Copies into a volume the way its labels say (see {@link Labels#VOLUME_IMAGE}). */
  void intoVolume(String volume, String path, InputStream content) throws IOException {
    engine.usable();
    Checks.name("volume", volume);
    Map<String, String> labels = volumes.labels(volume);
    if (labels == null) {
      throw new DockerFailure("copying into volume '" + volume + "' on docker host '" + engine.hostId()
          + "' failed: no such volume (create it with ensureVolume first)", DockerFailure.Kind.NOT_FOUND, 404,
          null);
    }
    intoVolume(volume, path, content, new VolumeCopy(labels.get(Labels.VOLUME_IMAGE),
        labels.get(Labels.VOLUME_PATH), FileOwner.parse(labels.get(Labels.VOLUME_OWNER))));
  }

  /** @see DockerRuntimeBackend#copyIntoVolume(String, String, InputStream, VolumeCopy) */
  void intoVolume(String volume, String path, InputStream content, VolumeCopy how) throws IOException {
    engine.usable();
    Checks.name("volume", volume);
    Objects.requireNonNull(content, "content");
    String relative = Tars.relative(path);
    boolean named = how.image() != null && !how.image().isBlank();
    String image = named ? how.image() : images.helper();
    if (named) {
      images.ensure(image);
    }
    String mountPath = how.mountPath() == null || how.mountPath().isBlank() ? Images.HELPER_MOUNT
        : how.mountPath();
    Checks.absolute("mountPath", mountPath);
    FileOwner owner = how.owner() != null ? how.owner() : images.user(image);
    String what = "copying '" + relative + "' into volume '" + volume + "'";
    String helper = null;
    try (Spool spool = new Spool(content)) {
      // Extracted at "/" with the mount point in the names: the engine leaves the folder it extracts into
      // untouched, and the root of a volume laid by the empty helper would otherwise stay root-owned. Folders
      // above the mount point belong to the helper's own layer, which is thrown away.
      spool.tar = Tars.singleFile(Tars.relative(mountPath), relative, spool.file, owner, how.image() == null);
      helper = createHelper(image, volume, mountPath, "copy");
      extract(helper, "/", spool.tar, what);
      LOG.debug("Copied {} into volume {} on docker host {}", relative, volume, engine.hostId());
    } finally {
      if (helper != null) {
        removeHelper(helper);
      }
    }
  }

  /** @see DockerRuntimeBackend#copyIntoContainer(String, String, InputStream, FileOwner) */
  void intoContainer(String containerId, String path, InputStream content, FileOwner owner) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    Checks.absolute("path", path);
    String relative = Tars.relative(path);
    int slash = relative.lastIndexOf('/');
    String parent = slash < 0 ? "/" : "/" + relative.substring(0, slash);
    String fileName = relative.substring(slash + 1);
    try (Spool spool = new Spool(content)) {
      spool.tar = Tars.singleFile("", fileName, spool.file, owner == null ? FileOwner.ROOT : owner, false);
      extract(containerId, parent, spool.tar, "copying '" + path + "' into container '" + containerId + "'");
    }
  }

  private void extract(String container, String remotePath, Path tar, String what) throws IOException {
    try (InputStream in = Files.newInputStream(tar)) {
      engine.api().copyArchiveToContainerCmd(container).withRemotePath(remotePath).withTarInputStream(in).exec();
    } catch (RuntimeException e) {
      throw engine.failure(what, e);
    }
  }

  private String createHelper(String image, String volume, String mountPath, String purpose) throws IOException {
    String name = "stoker-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 12);
    try {
      return engine.api().createContainerCmd(image)
          .withName(name)
          .withLabels(engine.managed(Map.of(Labels.HELPER, purpose)))
          // Never started: an entrypoint that cannot exist makes an accidental start fail loudly.
          .withEntrypoint("/stoker-helper-is-never-started")
          .withNetworkDisabled(true)
          .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume(mountPath))))
          .exec()
          .getId();
    } catch (RuntimeException e) {
      throw engine.failure("creating helper container from image '" + image + "' for volume '" + volume + "'", e);
    }
  }

  private void removeHelper(String id) {
    try {
      engine.api().removeContainerCmd(id).withForce(true).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (RuntimeException e) {
      LOG.warn("Could not remove helper container {} on docker host {}: {}", id, engine.hostId(),
          DockerErrors.reason(e));
    }
  }

  /** The content in a temporary file and, once built, the tar around it; both deleted on close. */
  private static final class Spool implements AutoCloseable {
    final Path file;
    Path tar;

    Spool(InputStream content) throws IOException {
      file = Files.createTempFile("stoker-content-", ".bin");
      try {
        Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(file);
      if (tar != null) {
        Files.deleteIfExists(tar);
      }
    }
  }
}
