package dev.stoker.runtime.docker.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Whole directories in and out of containers through the engine's archive API: read from a running or stopped
 * container (a folder a volume is mounted at reads as the volume's content), extracted into a created one (the
 * engine mounts the container's volumes for it, so the files land in the volume). Owners and modes travel in
 * the tar headers.
 */
final class Archives {
  private final Engine engine;

  Archives(Engine engine) {
    this.engine = engine;
  }

  /** @see DockerRuntimeBackend#readArchive(String, String) */
  InputStream read(String containerId, String path) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    Checks.absolute("path", path);
    try {
      return engine.api().copyArchiveFromContainerCmd(containerId, path).exec();
    } catch (RuntimeException e) {
      throw engine.failure("reading '" + path + "' from container '" + containerId + "'", e);
    }
  }

  /** @see DockerRuntimeBackend#extractArchive(String, String, InputStream) */
  void extract(String containerId, String parent, InputStream tar) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    Checks.absolute("parent", parent);
    try {
      engine.api().copyArchiveToContainerCmd(containerId).withRemotePath(parent).withTarInputStream(tar).exec();
    } catch (RuntimeException e) {
      throw engine.failure("extracting an archive into '" + parent + "' of container '" + containerId + "'", e);
    }
  }
}
