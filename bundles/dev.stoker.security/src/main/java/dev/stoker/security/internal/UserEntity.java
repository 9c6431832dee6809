package dev.stoker.security.internal;

import dev.stoker.api.security.Role;
import dev.stoker.api.security.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code stoker_user}. */
@Entity
@Table(name = "stoker_user")
public class UserEntity {
  @Id
  @Column(name = "username")
  String username;
  @Column(name = "role")
  String role;
  @Column(name = "password_hash")
  String passwordHash;
  @Column(name = "created_at")
  long createdAt;
  @Column(name = "created_by")
  String createdBy;
  /** Goes up when the password changes or the user is disabled; sessions carry it and die with it. */
  @Column(name = "token_version")
  int tokenVersion;
  @Column(name = "disabled")
  boolean disabled;
  @Column(name = "must_change_password")
  boolean mustChangePassword;
  /** The OpenID Connect provider the user signs in through, or {@code null} for a local account. */
  @Column(name = "provider")
  String provider;
  /** Set when the provider's groups took the user's last role away (not when an admin disabled the user). */
  @Column(name = "provider_disabled")
  boolean providerDisabled;
  /** The lead or admin owning this service account, or {@code null} for a person. */
  @Column(name = "service_owner")
  String serviceOwner;
  /** The provider groups at the last sign-in or token use, one a line; {@code null} for local accounts. */
  @Column(name = "provider_groups")
  String providerGroups;

  public UserEntity() {
    // for JPA
  }

  UserEntity(String username, Role role, String passwordHash, Instant created, String createdBy) {
    this.username = username;
    this.role = role.id();
    this.passwordHash = passwordHash;
    this.createdAt = created.toEpochMilli();
    this.createdBy = createdBy;
  }

  Role role() {
    return Role.fromId(role);
  }

  User toUser() {
    return new User(username, role(), Instant.ofEpochMilli(createdAt), createdBy, disabled);
  }
}
