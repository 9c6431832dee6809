package dev.stoker.api.secrets;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Short-lived access to secret values, delivered as files that disappear when the lease ends.
 *
 * @param id lease id
 * @param expires when the files are removed
 * @param files secret path → file holding the value (mode 0400)
 */
public record SecretLease(String id, Instant expires, Map<String, Path> files) {
  public SecretLease {
    files = Map.copyOf(files);
  }
}
