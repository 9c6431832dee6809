package dev.stoker.secrets.internal;

import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code stoker_secret}: one secret (scope + path), its type, latest version and schedule. */
@Entity
@Table(name = "stoker_secret")
public class SecretEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "scope_level")
  String scopeLevel;
  @Column(name = "scope_id")
  String scopeId;
  @Column(name = "path")
  String path;
  @Column(name = "secret_type")
  String type;
  @Column(name = "latest_version")
  int latestVersion;
  @Column(name = "rotation_days")
  Integer rotationDays;
  @Column(name = "created_at")
  long createdAt;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "updated_at")
  long updatedAt;

  public SecretEntity() {
    // for JPA
  }

  SecretScope scope() {
    return new SecretScope(ScopeLevel.valueOf(scopeLevel), scopeId);
  }

  SecretType secretType() {
    return SecretType.valueOf(type);
  }

  @Override
  public String toString() {
    return "SecretEntity[" + scopeLevel + ":" + scopeId + "/" + path + " v" + latestVersion + "]";
  }
}
