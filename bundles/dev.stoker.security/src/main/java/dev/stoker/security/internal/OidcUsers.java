package dev.stoker.security.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.Role;
import dev.stoker.api.store.Transactions;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps the users of OpenID Connect providers in step with their tokens: a user first seen is created with
 * the role their groups map to; at every later sign-in or token use the role follows the groups, and a user
 * whose groups map to no role any more is disabled (sessions end) until they do again. A provider never takes
 * over a local account or another provider's user of the same name.
 */
final class OidcUsers {
  /** The password hash of provider users: no password ever matches it. */
  static final String NO_PASSWORD = "!";
  static final String NO_ROLE = "your groups at the identity provider map to no Stoker role";

  /**
   * A user after the sync.
   *
   * @param refusal why the user may not act, or {@code null}
   * @param change what changed, for the audit log, or {@code null}
   */
  record Synced(String username, Role role, int tokenVersion, String refusal, String change) {
  }

  private final Transactions tx;
  private final Clock clock;
  private final Pattern usernames;

  OidcUsers(Transactions tx, Clock clock, Pattern usernames) {
    this.tx = tx;
    this.clock = clock;
    this.usernames = usernames;
  }

  /** Creates or updates the user the verified {@code claims} name; changes are kept even when refused. */
  Synced sync(OidcProvider provider, JWTClaimsSet claims) {
    String username = provider.username(claims);
    if (!usernames.matcher(username).matches()) {
      throw new AuthenticationException("the provider's user name '" + username + "' is not a usable Stoker name");
    }
    Optional<Role> role = provider.role(claims);
    String groups = groupsColumn(provider.groups(claims));
    String source = "oidc:" + provider.name();
    return tx.write(em -> {
      UserEntity user = em.find(UserEntity.class, username);
      if (user == null) {
        if (role.isEmpty()) {
          return new Synced(username, null, 0, NO_ROLE, null);
        }
        user = new UserEntity(username, role.get(), NO_PASSWORD, clock.instant(), source);
        user.provider = provider.name();
        user.providerGroups = groups;
        em.persist(user);
        return new Synced(username, role.get(), 0, null, "created with role " + role.get().id());
      }
      if (!provider.name().equals(user.provider)) {
        return new Synced(username, null, 0, "user name '" + username + "' belongs to another account", null);
      }
      user.providerGroups = groups; // group bindings follow the groups at once, whatever else happens
      if (role.isEmpty()) {
        if (user.disabled) {
          return new Synced(username, null, user.tokenVersion, NO_ROLE, null);
        }
        user.disabled = true;
        user.providerDisabled = true;
        user.tokenVersion++;
        return new Synced(username, null, user.tokenVersion, NO_ROLE, "disabled: no group maps to a role");
      }
      String change = null;
      if (user.providerDisabled) {
        user.disabled = false;
        user.providerDisabled = false;
        change = "enabled again";
      } else if (user.disabled) {
        return new Synced(username, null, user.tokenVersion, "user '" + username + "' is disabled", null);
      }
      if (user.role() != role.get()) {
        change = (change == null ? "" : change + "; ") + "role " + user.role + " -> " + role.get().id();
        user.role = role.get().id();
      }
      return new Synced(username, role.get(), user.tokenVersion, null, change);
    });
  }

  /** @return the groups as stored (one a line, bounded by the column), or {@code null} for none */
  static String groupsColumn(java.util.List<String> groups) {
    StringBuilder out = new StringBuilder();
    for (String g : groups) {
      String line = g.strip().replace('\n', ' ');
      if (out.length() + line.length() + 1 > 4000) {
        break;
      }
      out.append(out.length() == 0 ? "" : "\n").append(line);
    }
    return out.length() == 0 ? null : out.toString();
  }
}
