package dev.stoker.api.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Runs containers on one host (a Docker engine now, a Kubernetes cluster later). One service per
 * configured host; the environment service picks one by {@link #hostId()}.
 *
 * <p>Threading: all methods may be called concurrently and block on the host's API.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface RuntimeBackend {

  /** @return the configured host id, e.g. {@code local} */
  String hostId();

  /** Makes sure the image is present on the host. */
  void ensureImage(String image) throws IOException;

  /** Creates a named volume if it does not exist. */
  void ensureVolume(String name, Map<String, String> labels) throws IOException;

  /** Copies a file into a volume before a container uses it. */
  void copyIntoVolume(String volume, String path, InputStream content) throws IOException;

  /** @return the id of the created (not started) container */
  String create(ContainerSpec spec) throws IOException;

  /** Starts a container. */
  void start(String containerId) throws IOException;

  /** Stops a container, waiting up to its grace period. */
  void stop(String containerId) throws IOException;

  /** Removes a container, and its volume when {@code volume} is given. */
  void remove(String containerId, String volume) throws IOException;

  /** @return the containers whose labels include all of {@code labels} */
  List<ContainerInfo> list(Map<String, String> labels) throws IOException;

  /** @return the last {@code tail} lines of the container's output, following when asked */
  InputStream logs(String containerId, int tail, boolean follow) throws IOException;

  /**
   * Lays a file into a created, not yet started container, e.g. a module into the image's module folder.
   * The folder {@code path} lies in must exist in the container. Runtimes that cannot do this keep the
   * default, which refuses.
   *
   * @param containerId container id
   * @param path absolute path of the file inside the container
   * @param content file content (read to the end, not closed)
   * @param ownerUid uid (and gid) that owns the file; mode 0644
   * @since 1.1
   */
  default void copyIntoContainer(String containerId, String path, InputStream content, int ownerUid)
      throws IOException {
    throw new IOException("runtime host '" + hostId() + "' cannot lay files into containers");
  }

  /**
   * Replaces a directory inside a running container by exactly the given files, e.g. a project in a gateway's
   * data folder. The files are laid into a new sibling directory first and swapped in only when all arrived,
   * so a failed copy leaves the old directory untouched; the old one is removed afterwards. Folders on the way
   * to {@code path} are created when missing. Runtimes that cannot do this keep the default, which refuses.
   *
   * @param containerId a running container
   * @param path absolute path of the directory inside the container; not {@code /} nor a top-level folder
   * @param files path relative to {@code path} → content (checked like
   *     {@link dev.stoker.api.platform.GatewayFiles#relativePath})
   * @param ownerUid uid (and gid) that owns the new files (0644) and folders (0755), and that runs the
   *     commands moving them into place
   * @since 1.1
   */
  default void replaceDirectory(String containerId, String path, java.util.SortedMap<String, byte[]> files,
      int ownerUid) throws IOException {
    throw new IOException("runtime host '" + hostId() + "' cannot write into running containers");
  }

  /**
   * Removes a volume no container uses any more; a missing volume is not an error.
   *
   * @since 1.1
   */
  default void removeVolume(String volume) throws IOException {
    throw new IOException("runtime host '" + hostId() + "' cannot remove volumes on their own");
  }
  /**
   * Reads a running container's resource figures once. Blocks for up to about two seconds while the runtime
   * takes its reading. Runtimes that cannot do this keep the default, which refuses.
   *
   * @param containerId a running container
   * @return the figures
   * @throws IOException when the container is not running or the runtime is not answering
   * @since 1.2
   */
  default ContainerStats stats(String containerId) throws IOException {
    throw new IOException("runtime host '" + hostId() + "' cannot read container stats");
  }

  /**
   * Tells how full the file system under a path of a running container is (for a volume mount: the volume's
   * file system). Runtimes that cannot do this keep the default, which refuses.
   *
   * @param containerId a running container
   * @param path absolute path inside the container
   * @return the usage
   * @throws IOException when the path does not exist or the runtime is not answering
   * @since 1.2
   */
  default FilesystemUsage filesystemUsage(String containerId, String path) throws IOException {
    throw new IOException("runtime host '" + hostId() + "' cannot read file system usage");
  }

  /**
   * Reads a directory of a container, running or stopped, as a tar stream: the entries are named below the
   * directory's own name ({@code data/…} for {@code /usr/local/bin/ignition/data}) and keep their owners and
   * modes. For a folder a volume is mounted at, this is the volume's content. Read it from a stopped container
   * to get a consistent copy. Runtimes that cannot do this keep the default, which refuses.
   *
   * @param containerId a container, running or stopped
   * @param path absolute path of the directory inside the container
   * @return the tar stream; the caller closes it
   * @throws IOException when the path does not exist or the runtime is not answering
   * @since 1.2
   */
  default InputStream readArchive(String containerId, String path) throws IOException {
    throw new IOException("runtime host '" + hostId() + "' cannot read archives from containers");
  }

  /**
   * Extracts a tar stream, as {@link #readArchive} gives it, into a folder of a created, not yet started
   * container, keeping the owners and modes the archive carries. Extracting {@code data/…} into the parent of a
   * folder a volume is mounted at fills the volume. Runtimes that cannot do this keep the default, which refuses.
   *
   * @param containerId a created container
   * @param parent absolute path of the folder to extract into; it must exist in the container
   * @param tar the archive (read to the end, not closed)
   * @throws IOException when the archive cannot be extracted or the runtime is not answering
   * @since 1.2
   */
  default void extractArchive(String containerId, String parent, InputStream tar) throws IOException {
    throw new IOException("runtime host '" + hostId() + "' cannot extract archives into containers");
  }
}
