package dev.stoker.rest.internal;

import dev.stoker.api.security.StokerPrincipal;
import java.security.Principal;
import javax.ws.rs.core.SecurityContext;

/** Carries a {@link StokerPrincipal} through the JAX-RS {@link SecurityContext}. */
final class Principals implements SecurityContext {
  private final StokerPrincipal principal;
  private final boolean secure;

  Principals(StokerPrincipal principal, boolean secure) {
    this.principal = principal;
    this.secure = secure;
  }

  /** @return the caller of the request, which the auth filter has established */
  static StokerPrincipal of(SecurityContext context) {
    if (context instanceof Principals p) {
      return p.principal;
    }
    throw new IllegalStateException("request was not authenticated");
  }

  @Override
  public Principal getUserPrincipal() {
    return principal::username;
  }

  @Override
  public boolean isUserInRole(String role) {
    return principal.role().includes(dev.stoker.api.security.Role.fromId(role));
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return "Bearer";
  }
}
