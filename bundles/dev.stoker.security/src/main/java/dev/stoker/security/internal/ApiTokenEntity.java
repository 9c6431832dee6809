package dev.stoker.security.internal;

import dev.stoker.api.security.ApiToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Row of {@code stoker_api_token}; holds only a hash of the secret. */
@Entity
@Table(name = "stoker_api_token")
public class ApiTokenEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "owner")
  String owner;
  @Column(name = "name")
  String name;
  @Column(name = "scopes")
  String scopes;
  @Column(name = "secret_hash")
  String secretHash;
  @Column(name = "created_at")
  long createdAt;
  @Column(name = "expires_at")
  Long expiresAt;
  @Column(name = "revoked_at")
  Long revokedAt;
  @Column(name = "parent_id")
  String parentId;

  public ApiTokenEntity() {
    // for JPA
  }

  Set<String> scopeSet() {
    return Arrays.stream(scopes.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  static String joinScopes(Set<String> scopes) {
    return scopes.stream().sorted().collect(Collectors.joining(","));
  }

  boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.toEpochMilli() < expiresAt);
  }

  ApiToken toToken() {
    return new ApiToken(id, owner, name, scopeSet(), Instant.ofEpochMilli(createdAt),
        expiresAt == null ? null : Instant.ofEpochMilli(expiresAt),
        revokedAt == null ? null : Instant.ofEpochMilli(revokedAt), parentId);
  }
}
