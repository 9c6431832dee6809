package dev.stoker.api.secrets;

import java.util.Arrays;

/**
 * A version's value with its metadata, as {@link SecretStore#read} returns it. The receiver owns
 * {@code value} and calls {@link #wipe()} when done; {@link #toString()} never shows it.
 *
 * @param metadata the version's metadata
 * @param value the value
 */
public record SecretValue(SecretMetadata metadata, byte[] value) {

  /** Overwrites the value with zeros. */
  public void wipe() {
    if (value != null) {
      Arrays.fill(value, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "SecretValue[" + metadata + ", value=<" + (value == null ? 0 : value.length) + " bytes>]";
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
