package dev.stoker.backup.internal;

import java.nio.file.Path;

/**
 * Where an install keeps what a backup holds, below Karaf's {@code data/} and {@code etc/}: the embedded database
 * ({@code data/stoker}), the project repositories ({@code data/repos}), the blob store ({@code data/blobs}), the
 * configuration ({@code etc/}) and the keys ({@code etc/keys}).
 */
record Layout(Path data, Path etc) {

  Path database() {
    return data.resolve("stoker");
  }

  Path repos() {
    return data.resolve("repos");
  }

  Path blobs() {
    return data.resolve("blobs");
  }

  Path keys() {
    return etc.resolve("keys");
  }

  /** @return whether a restore may write a configuration file of the archive into {@code etc/}: Stoker's own */
  static boolean restoredConfig(String relative) {
    return relative.startsWith("dev.stoker.") && relative.endsWith(".cfg") && !relative.contains("/")
        || relative.startsWith("stoker-routes/");
  }
}
