package dev.stoker.api.secrets;

import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import java.time.Instant;
import java.util.Arrays;

/**
 * A request to write a new version of a secret. Holds the value: {@link #toString()} never shows it, and
 * the service wipes {@code value} and {@code importPassword} once it has encrypted them.
 *
 * @param path secret path, e.g. {@code db/main/password}
 * @param scope scope
 * @param type type; must match the type of earlier versions
 * @param value the value: UTF-8 text, or PKCS#12 bytes for a certificate
 * @param importPassword password of a PKCS#12 file or an encrypted PEM key, or {@code null}
 * @param expires expiry for values that do not carry one (license keys, tokens), or {@code null}
 * @param rotationDays rotate on a schedule every so many days (passwords, API tokens); 0 turns the
 *     schedule off; {@code null} keeps the current schedule
 */
public record SecretWrite(String path, SecretScope scope, SecretType type, byte[] value, char[] importPassword,
    Instant expires, Integer rotationDays) {

  /** @return a write of a plain value with no options */
  public static SecretWrite of(String path, SecretScope scope, SecretType type, byte[] value) {
    return new SecretWrite(path, scope, type, value, null, null, null);
  }

  /** Overwrites the value and the import password with zeros. */
  public void wipe() {
    if (value != null) {
      Arrays.fill(value, (byte) 0);
    }
    if (importPassword != null) {
      Arrays.fill(importPassword, '\0');
    }
  }

  @Override
  public String toString() {
    return "SecretWrite[path=" + path + ", scope=" + scope + ", type=" + type + ", value=<"
        + (value == null ? 0 : value.length) + " bytes>, importPassword=" + (importPassword == null ? "none" : "***")
        + ", expires=" + expires + ", rotationDays=" + rotationDays + "]";
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
