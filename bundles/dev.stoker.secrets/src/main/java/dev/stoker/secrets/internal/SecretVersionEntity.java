package dev.stoker.secrets.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code stoker_secret_version}: one encrypted version. The value is AES-256-GCM ciphertext under
 * a data key of its own; the data key is stored wrapped by the master key {@code keyId}.
 */
@Entity
@Table(name = "stoker_secret_version")
public class SecretVersionEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "secret_id")
  String secretId;
  @Column(name = "version")
  int version;
  @Column(name = "kind")
  String kind;
  @Column(name = "created_at")
  long createdAt;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "expires_at")
  Long expiresAt;
  @Column(name = "attributes")
  String attributes;
  @Column(name = "key_id")
  String keyId;
  @Column(name = "wrapped_key")
  byte[] wrappedKey;
  @Column(name = "iv")
  byte[] iv;
  @Column(name = "ciphertext")
  byte[] ciphertext;
  @Column(name = "expiry_warned_at")
  Long expiryWarnedAt;

  public SecretVersionEntity() {
    // for JPA
  }

  @Override
  public String toString() {
    return "SecretVersionEntity[" + secretId + " v" + version + ", key " + keyId + "]";
  }
}
