package dev.stoker.rest.internal;

import java.util.Set;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;

/**
 * Headers every answer carries: {@code X-Content-Type-Options: nosniff} (a browser never guesses a type, so a
 * JSON body or a downloaded file cannot run as a page), and {@code Cache-Control: no-store} on everything
 * that may carry a credential or a secret's metadata (sign-in, tokens, users, secrets, backups) so that no proxy or
 * browser cache keeps it.
 */
final class SecurityHeaders implements ContainerResponseFilter {
  private static final Set<String> NO_STORE = Set.of("auth", "tokens", "users", "secrets", "admin");

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    String path = request.getUriInfo().getPath(false);
    String relative = path.startsWith("/") ? path.substring(1) : path;
    int slash = relative.indexOf('/');
    String first = slash < 0 ? relative : relative.substring(0, slash);
    if (NO_STORE.contains(first)) {
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
      response.getHeaders().putSingle("Pragma", "no-cache");
    }
  }
}
