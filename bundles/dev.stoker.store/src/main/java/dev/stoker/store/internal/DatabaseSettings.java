package dev.stoker.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Resolved connection settings: URL, user and the password, read from an environment variable or a
 * file and never from the configuration itself.
 */
record DatabaseSettings(String url, String user, char[] password) {

  static final String H2_PREFIX = "jdbc:h2:";
  static final String POSTGRES_PREFIX = "jdbc:postgresql:";

  boolean isH2() {
    return url.startsWith(H2_PREFIX);
  }

  /** Display form for logs and health: the URL without credentials. */
  String describe() {
    int semicolon = url.indexOf(';');
    int query = url.indexOf('?');
    int cut = semicolon < 0 ? query : query < 0 ? semicolon : Math.min(semicolon, query);
    return cut < 0 ? url : url.substring(0, cut);
  }

  /**
   * @param config the configuration
   * @param dataDir Karaf's data folder, home of the embedded database
   * @param env the process environment
   */
  static DatabaseSettings resolve(StoreConfig config, Path dataDir, Map<String, String> env) throws IOException {
    String url = config.url().isBlank()
        ? H2_PREFIX + "file:" + dataDir.resolve("stoker").resolve("stoker").toAbsolutePath()
        : config.url().trim();
    if (!url.startsWith(H2_PREFIX) && !url.startsWith(POSTGRES_PREFIX)) {
      throw new IllegalArgumentException("url: only jdbc:h2: and jdbc:postgresql: URLs are supported, got '"
          + url + "'");
    }
    url = durableH2(url);
    String fromEnv = config.passwordEnv().isBlank() ? null : env.get(config.passwordEnv());
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return new DatabaseSettings(url, config.user(), fromEnv.toCharArray());
    }
    Path file = config.passwordFile().isBlank()
        ? dataDir.resolve("stoker").resolve("db.password")
        : Path.of(config.passwordFile());
    if (Files.isRegularFile(file)) {
      String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      return new DatabaseSettings(url, config.user(), first.toCharArray());
    }
    if (url.startsWith(H2_PREFIX)) {
      return new DatabaseSettings(url, config.user(), generatePassword(file));
    }
    throw new IllegalArgumentException("passwordFile: " + file + " does not exist and $"
        + config.passwordEnv() + " is not set");
  }

  /**
   * Options for an embedded (file) H2 database. H2 keeps committed changes in memory for up to WRITE_DELAY
   * (500 ms by default) and has no redo log, so a kill -9 right after a commit loses it while the broker's
   * journal keeps the work message that refers to it: commits are written through unless the URL sets
   * WRITE_DELAY. H2's AUTO_SERVER (a TCP server other processes can open the file through) is not turned
   * on: an admin who wants it adds {@code ;AUTO_SERVER=TRUE} to the URL, and {@code etc/system.properties}
   * binds it to loopback ({@code h2.bindAddress}). In-memory and server (tcp, ssl) URLs are left as they are.
   */
  static String durableH2(String url) {
    if (!url.startsWith(H2_PREFIX)) {
      return url;
    }
    String rest = url.substring(H2_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
    if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
      return url;
    }
    String out = url;
    return out.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=") ? out : out + ";WRITE_DELAY=0";
  }

  private static char[] generatePassword(Path file) throws IOException {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createDirectories(file.getParent());
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    return password.toCharArray();
  }
}
