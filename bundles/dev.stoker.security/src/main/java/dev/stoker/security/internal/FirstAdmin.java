package dev.stoker.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

  /** The first admin's password and its hash. */
  record Prepared(Password password, String hash) {
  }

  /**
   * Chooses the first admin's password (the configured one, else a generated one) and hashes it on a thread of
   * its own; nothing is written yet.
   */
  static CompletableFuture<Prepared> prepare(SecurityService.Settings settings, Map<String, String> env,
      PasswordHasher hasher) {
    Password password;
    try {
      password = choose(settings, env);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.supplyAsync(() -> new Prepared(password, hasher.hash(password.value())), r -> {
      Thread t = new Thread(r, "stoker-first-admin");
      t.setDaemon(true);
      t.start();
    });
  }

  /** Waits for {@link #prepare}, passing its failure on as it was thrown. */
  static Prepared await(CompletableFuture<Prepared> prepared) throws IOException {
    try {
      return prepared.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private static Password choose(SecurityService.Settings settings, Map<String, String> env) throws IOException {
    String configured = settings.adminPasswordEnv().isBlank() ? null : env.get(settings.adminPasswordEnv());
    if ((configured == null || configured.isEmpty()) && !settings.adminPasswordFile().isBlank()) {
      configured = Files.readString(Path.of(settings.adminPasswordFile()), StandardCharsets.UTF_8).lines()
          .findFirst().orElse("");
    }
    if (configured != null && !configured.isEmpty()) {
      return new Password(configured.toCharArray(), false);
    }
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return new Password(Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray(), true);
  }

  /** Writes a generated password to {@code data/initial-admin-password} (0600); logs where it came from. */
  static void write(Password password, Path dataDir) throws IOException {
    if (!password.generated()) {
      LOG.info("Creating user 'admin' with the configured password");
      return;
    }
    Path file = dataDir.resolve(INITIAL_PASSWORD_FILE);
    Files.createDirectories(dataDir);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, new String(password.value()) + "\n", StandardCharsets.UTF_8);
    LOG.info("Creating user 'admin'; its initial password is in {} until the admin sets one", file.toAbsolutePath());
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
