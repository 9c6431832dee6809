package dev.stoker.runtime.docker.internal;

/**
 * How {@link DockerRuntimeBackend#copyIntoVolume(String, String, java.io.InputStream, VolumeCopy)} lays a file.
 *
 * <p>The file is extracted by the engine through a helper container that is created (never started) with the
 * volume mounted and removed afterwards. When {@code image} and {@code mountPath} are those the real
 * container will use, a fresh volume is first seeded by the engine from the image's content at that path,
 * exactly as at the real container's first start (Docker copies image content only into an empty volume,
 * so a volume laid with a foreign helper would never be seeded).
 *
 * @param image image of the helper, normally the image of the container that will use the volume; or
 *     {@code null} for a built-in empty image (the volume is then not seeded)
 * @param mountPath where the volume is mounted in the helper (the real container's path), or {@code null}
 * @param owner owner and mode of the laid file and of the folders created for it; or {@code null} for the
 *     image's numeric user ({@code USER 2003:2003}), else root
 */
public record VolumeCopy(String image, String mountPath, FileOwner owner) {
  /** Built-in empty helper, root owner. */
  public static final VolumeCopy DEFAULT = new VolumeCopy(null, null, null);
}
