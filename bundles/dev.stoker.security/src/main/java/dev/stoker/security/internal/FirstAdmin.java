package dev.stoker.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin's password on an empty user table: the configured one (environment variable or file), else a
 * generated one written to {@code data/initial-admin-password} (0600) until the admin sets their own.
 */
final class FirstAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
  static final String INITIAL_PASSWORD_FILE = "initial-admin-password";

  /**
   * The password to create the admin with.
   *
   * @param generated whether it was generated (and written to the file): the admin must change it
   */
  record Password(char[] value, boolean generated) {
  }

  private FirstAdmin() {
  }

  static Password password(SecurityService.Settings settings, Path dataDir, Map<String, String> env)
      throws IOException {
    String configured = settings.adminPasswordEnv().isBlank() ? null : env.get(settings.adminPasswordEnv());
    if ((configured == null || configured.isEmpty()) && !settings.adminPasswordFile().isBlank()) {
      configured = Files.readString(Path.of(settings.adminPasswordFile()), StandardCharsets.UTF_8).lines()
          .findFirst().orElse("");
    }
    if (configured != null && !configured.isEmpty()) {
      LOG.info("Creating user 'admin' with the configured password");
      return new Password(configured.toCharArray(), false);
    }
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Path file = dataDir.resolve(INITIAL_PASSWORD_FILE);
    Files.createDirectories(dataDir);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    LOG.info("Creating user 'admin'; its initial password is in {} until the admin sets one", file.toAbsolutePath());
    return new Password(password.toCharArray(), true);
  }

  /** The generated first-admin password is no use once the admin set their own: the file goes. */
  static void forget(Path dataDir, String username) {
    Path file = dataDir.resolve(INITIAL_PASSWORD_FILE);
    if (!"admin".equals(username) || !Files.exists(file)) {
      return;
    }
    try {
      Files.delete(file);
      LOG.info("Deleted {}: the admin set a password", file);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", file, e.getMessage());
    }
  }
}
