package dev.stoker.environments.internal;

import dev.stoker.api.platform.SecretFile;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.SecretService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secret files from leases of the secret service: one lease per environment start, resolved through the
 * environment's scope chain (environment → stage → workspace), files handed to the gateway's uid. The
 * gateway reads its {@code _FILE} variables at start, so a short lease is enough; every start takes a new
 * one, which is also how rotated values reach a restarted gateway.
 */
final class LeasedSecretFiles implements SecretFiles {
  private static final Logger LOG = LoggerFactory.getLogger(LeasedSecretFiles.class);

  private final SecretService secrets;
  private final Duration ttl;
  private final Map<String, String> leaseByEnvironment = new ConcurrentHashMap<>();

  LeasedSecretFiles(SecretService secrets, Duration ttl) {
    this.secrets = secrets;
    this.ttl = ttl;
  }

  @Override
  public Map<String, Path> materialise(String environmentId, String stage, List<SecretFile> wanted, int ownerUid,
      String actor) throws IOException {
    release(environmentId);
    ScopeChain chain = new ScopeChain(null, stage, environmentId);
    SecretLease lease;
    try {
      lease = secrets.lease(chain, wanted.stream().map(SecretFile::secretPath).distinct().toList(), ttl,
          actor);
    } catch (IllegalArgumentException e) {
      throw new IOException("secrets: " + e.getMessage(), e);
    }
    leaseByEnvironment.put(environmentId, lease.id());
    Map<String, Path> files = new LinkedHashMap<>();
    for (SecretFile s : wanted) {
      Path file = lease.files().get(s.secretPath());
      handOver(file, ownerUid);
      files.put(s.variable(), file);
    }
    return files;
  }

  /** Makes the 0400 file the gateway's own; where Stoker may not change owners, it opens it to reading. */
  private static void handOver(Path file, int uid) throws IOException {
    try {
      Files.setAttribute(file, "unix:uid", uid);
      Files.setAttribute(file, "unix:gid", uid);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      LOG.warn("Cannot give {} to uid {} ({}); making it world-readable instead", file.getFileName(), uid, e.toString());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    }
  }

  @Override
  public List<SecretFile> missing(String stage, List<SecretFile> wanted) {
    ScopeChain chain = new ScopeChain(null, stage, null);
    return wanted.stream().filter(s -> {
      try {
        return secrets.resolve(chain, s.secretPath()).isEmpty();
      } catch (IllegalArgumentException badPath) {
        return true;
      }
    }).toList();
  }

  @Override
  public void release(String environmentId) {
    String lease = leaseByEnvironment.remove(environmentId);
    if (lease != null) {
      secrets.release(lease, "environment:" + environmentId);
    }
  }
}
