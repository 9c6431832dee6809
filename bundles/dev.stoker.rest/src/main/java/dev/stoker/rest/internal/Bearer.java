package dev.stoker.rest.internal;

import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.StokerPrincipal;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

/** Establishes the caller from an {@code Authorization: Bearer <token>} header, or answers why not. */
final class Bearer {
  private Bearer() {
  }

  /**
   * @param header the Authorization header, or {@code null}
   * @param service the authentication service, or {@code null} while it is missing
   * @return the caller
   * @throws WebApplicationException carrying the 401 (no or bad token) or 503 (no service) answer
   */
  static StokerPrincipal authenticate(String header, AuthService service) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new WebApplicationException(unauthorized("authentication required: send 'Authorization: Bearer <token>'"));
    }
    if (service == null) {
      throw new WebApplicationException(Unavailable.response("authentication"));
    }
    try {
      return service.authenticate(header.substring(7).trim());
    } catch (AuthenticationException e) {
      throw new WebApplicationException(unauthorized(e.getMessage()));
    }
  }

  private static Response unauthorized(String detail) {
    return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail, null).toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stoker\"").build();
  }
}
