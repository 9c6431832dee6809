package dev.stoker.rest.internal;

import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.security.TokenGrant;
import java.util.Arrays;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Login and "who am I". */
@Component(service = RestResource.class)
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource implements RestResource {
  private final AuthService auth;

  @Activate
  public AuthResource(@Reference AuthService auth) {
    this.auth = auth;
  }

  /** Login request. */
  public record Credentials(String username, String password) {
  }

  /**
   * OAuth-style token answer; {@code password_change_required} says the user signed in with a generated
   * password (the first admin's) and should set one now.
   */
  public record TokenAnswer(String access_token, String token_type, long expires_in,
      boolean password_change_required) {
  }

  /** The caller. */
  public record Me(String username, String role, Set<String> scopes) {
  }

  @POST
  @Path("token")
  @Public
  @Consumes(MediaType.APPLICATION_JSON)
  public TokenAnswer token(Credentials credentials, @Context HttpServletRequest http) {
    if (credentials == null) {
      throw ProblemException.badRequest("body", "a JSON object with username and password is required");
    }
    if (credentials.username() == null || credentials.username().isBlank()) {
      throw ProblemException.badRequest("username", "required");
    }
    if (credentials.password() == null || credentials.password().isEmpty()) {
      throw ProblemException.badRequest("password", "required");
    }
    char[] password = credentials.password().toCharArray();
    try {
      TokenGrant grant = auth.login(credentials.username(), password, http.getRemoteAddr());
      return new TokenAnswer(grant.accessToken(), grant.tokenType(), grant.expiresIn(),
          grant.passwordChangeRequired());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Signs out: ends every session of the caller (API tokens stay valid until revoked). */
  @POST
  @Path("logout")
  @Allow(Role.VIEWER)
  public Response logout(@Context SecurityContext security) {
    auth.logout(Principals.of(security));
    return Response.noContent().build();
  }

  @GET
  @Path("me")
  @Allow(Role.VIEWER)
  public Me me(@Context SecurityContext security) {
    StokerPrincipal p = Principals.of(security);
    return new Me(p.username(), p.role().id(), p.scopes());
  }
}
