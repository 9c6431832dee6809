package dev.stoker.api.security;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.Set;

/**
 * A long-lived API token, as listed; never carries the secret.
 *
 * @param id token id (also the public part of the token string)
 * @param owner user the token acts as
 * @param name label chosen by the owner
 * @param scopes granted scopes
 * @param created when
 * @param expires when it stops working, or {@code null} for never
 * @param revoked when it was revoked, or {@code null}
 * @param parent id of the API token that issued this one (it never outlives its parent and is revoked with
 *     it), or {@code null} for a token issued from a session
 */
public record ApiToken(String id, String owner, String name, Set<String> scopes, Instant created,
    @Nullable Instant expires, @Nullable Instant revoked, @Nullable String parent) {
  public ApiToken {
    scopes = Set.copyOf(scopes);
  }
}
