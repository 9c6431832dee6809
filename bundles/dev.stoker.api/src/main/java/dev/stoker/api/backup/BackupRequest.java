package dev.stoker.api.backup;

/**
 * What a backup includes besides the database, the repositories, the blob store and the configuration.
 *
 * @param includeKeys whether the keys ({@code etc/keys}: secrets master key, signing key, HTTPS keystore) go in,
 *     encrypted with {@code passphrase}
 * @param passphrase the passphrase the keys are encrypted with (at least 12 characters); ignored without keys
 */
public record BackupRequest(boolean includeKeys, String passphrase) {

  /** @return a request for a backup without keys */
  public static BackupRequest withoutKeys() {
    return new BackupRequest(false, null);
  }

  @Override
  public String toString() {
    return "BackupRequest[includeKeys=" + includeKeys + "]";
  }
}
