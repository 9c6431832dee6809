package dev.stoker.runtime.docker.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.platform.GatewayFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a directory inside a running container: the new tree is extracted (archive API, owned by the given
 * user) into a hidden sibling, then {@code mv} swaps it in and {@code rm -rf} removes the old one. The commands
 * run through the engine's exec API as argument vectors (no shell), as the owner; they need {@code mkdir},
 * {@code mv} and {@code rm} in the image (coreutils or busybox).
 */
final class DirectoryReplace {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryReplace.class);
  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  private final Engine engine;
  private final Execs execs;

  DirectoryReplace(Engine engine) {
    this.engine = engine;
    this.execs = new Execs(engine);
  }

  void replace(String containerId, String path, SortedMap<String, byte[]> files, FileOwner owner)
      throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    Checks.absolute("path", path);
    String relative = GatewayFiles.relativePath("path", path.substring(1));
    int slash = relative.lastIndexOf('/');
    if (slash < 0) {
      throw new InvalidInputException("path", "'" + path + "' is a top-level folder; refusing to replace it");
    }
    files.keySet().forEach(name -> GatewayFiles.relativePath("files." + name, name));
    String parent = "/" + relative.substring(0, slash);
    String name = relative.substring(slash + 1);
    String target = parent + "/" + name;
    String tag = UUID.randomUUID().toString().substring(0, 12);
    String staged = "." + name + ".stoker-new-" + tag;
    String old = parent + "/." + name + ".stoker-old-" + tag;
    String user = owner.uid() + ":" + owner.gid();
    String what = "replacing '" + target + "' in container '" + containerId + "'";
    run(containerId, user, what, "mkdir", "-p", parent);
    Path tar = Tars.tree(staged, files, owner);
    try (InputStream in = Files.newInputStream(tar)) {
      engine.api().copyArchiveToContainerCmd(containerId).withRemotePath(parent).withTarInputStream(in).exec();
    } catch (RuntimeException e) {
      throw engine.failure(what, e);
    } finally {
      Files.deleteIfExists(tar);
    }
    try {
      // mkdir -p makes the first deploy look like every other: there is always an old directory to move aside
      run(containerId, user, what, "mkdir", "-p", target);
      run(containerId, user, what, "mv", target, old);
    } catch (IOException e) {
      cleanUp(containerId, user, parent + "/" + staged);
      throw e;
    }
    try {
      run(containerId, user, what, "mv", parent + "/" + staged, target);
    } catch (IOException e) {
      run(containerId, user, what + " (putting the old directory back)", "mv", old, target);
      cleanUp(containerId, user, parent + "/" + staged);
      throw e;
    }
    cleanUp(containerId, user, old);
    LOG.info("Replaced {} ({} files) in container {} on docker host {}", target, files.size(),
        containerId.length() > 12 ? containerId.substring(0, 12) : containerId, engine.hostId());
  }

  private void cleanUp(String containerId, String user, String dir) {
    try {
      run(containerId, user, "removing '" + dir + "'", "rm", "-rf", dir);
    } catch (IOException e) {
      LOG.warn("Could not remove {} in container {} on docker host {}: {}", dir, containerId, engine.hostId(),
          e.getMessage());
    }
  }

  /** Runs one command in the container and fails unless it exits 0. */
  private void run(String containerId, String user, String what, String... command) throws IOException {
    execs.run(containerId, user, COMMAND_TIMEOUT_SECONDS, what, command);
  }
}
