package dev.stoker.rest.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.SingleSignOn;
import dev.stoker.api.security.TokenGrant;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Console sign-in through OpenID Connect providers: {@code login} sends the browser to the provider,
 * {@code callback} takes it back, makes a Stoker session and sends the browser to the console's sign-in page
 * with a one-time code ({@link SsoHandoffs}) that the console trades for the session at {@code session}.
 */
@Component(service = RestResource.class)
@Path("auth/oidc")
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource implements RestResource {
  static final String CONSOLE_SIGNIN = "/console/signin";
  private final SingleSignOn sso;
  private final SsoHandoffs handoffs = new SsoHandoffs(Clock.systemUTC());

  @Activate
  public SsoResource(@Reference SingleSignOn sso) {
    this.sso = sso;
  }

  /** The providers the sign-in page offers. */
  public record Providers(List<SingleSignOn.Provider> items) {
  }

  /** The one-time code of a finished sign-in. */
  public record Handoff(String code) {
  }

  @GET
  @Path("providers")
  @Public
  public Providers providers() {
    return new Providers(sso.providers());
  }

  @GET
  @Path("{provider}/login")
  @Public
  public Response login(@PathParam("provider") String provider, @Context HttpServletRequest http) {
    return Response.seeOther(sso.start(provider, callback(http))).build();
  }

  @GET
  @Path("{provider}/callback")
  @Public
  public Response callback(@PathParam("provider") String provider, @QueryParam("state") String state,
      @QueryParam("code") String code, @QueryParam("error") String error, @Context HttpServletRequest http) {
    if (error != null) {
      return toConsole(http, "sso_error", "the identity provider answered: " + error);
    }
    try {
      TokenGrant grant = sso.complete(provider, state, code, http.getRemoteAddr());
      return toConsole(http, "sso", handoffs.put(grant));
    } catch (AuthenticationException | UnavailableException e) {
      return toConsole(http, "sso_error", e.getMessage());
    }
  }

  @POST
  @Path("session")
  @Public
  @Consumes(MediaType.APPLICATION_JSON)
  public AuthResource.TokenAnswer session(Handoff handoff) {
    if (handoff == null || handoff.code() == null || handoff.code().isBlank()) {
      throw ProblemException.badRequest("code", "required");
    }
    TokenGrant grant = handoffs.take(handoff.code()).orElseThrow(() -> new ProblemException(
        Response.Status.UNAUTHORIZED, "code: unknown, used or expired; sign in again", "code"));
    return new AuthResource.TokenAnswer(grant.accessToken(), grant.tokenType(), grant.expiresIn(), false);
  }

  /**
   * The callback next to this login URL, as the browser addressed it (its Host), not CXF's base address (which
   * CXF takes from the first request it served and keeps).
   */
  static URI callback(HttpServletRequest http) {
    String login = http.getRequestURL().toString();
    return URI.create(login.substring(0, login.lastIndexOf('/')) + "/callback");
  }

  /**
   * The console's sign-in page on the origin the browser used. Absolute: JAX-RS would resolve a relative
   * location against the API's base address (under {@code /api/v1}, on the host of CXF's first request).
   */
  static URI consoleSignIn(HttpServletRequest http, String key, String value) {
    URI request = URI.create(http.getRequestURL().toString());
    return request.resolve(CONSOLE_SIGNIN + "?" + key + "=" + java.net.URLEncoder.encode(value,
        java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Response toConsole(HttpServletRequest http, String key, String value) {
    return Response.seeOther(consoleSignIn(http, key, value)).build();
  }
}
