package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.SingleSignOn;
import dev.stoker.api.security.TokenGrant;
import dev.stoker.testing.Fakes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/**
 * The browser's round trip: login redirects to the provider with Stoker's callback; the callback turns the
 * provider's answer into a one-time code for the console (never the session token in a URL), good once.
 */
class SsoResourceTest {
  private final AtomicReference<URI> redirect = new AtomicReference<>();
  private final SingleSignOn sso = Fakes.of(SingleSignOn.class, Map.of(
      "providers", args -> List.of(new SingleSignOn.Provider("corp", "Corporate SSO")),
      "start", args -> {
        redirect.set((URI) args[1]);
        return URI.create("https://idp.example/auth?client_id=stoker");
      },
      "complete", args -> {
        if (!"good-state".equals(args[1])) {
          throw new AuthenticationException("this sign-in is unknown, used or expired; start again");
        }
        return new TokenGrant("session-jwt", "Bearer", 900, false);
      }));
  private final SsoResource resource = new SsoResource(sso);
  /** The provider sends the browser back to the callback on the origin the browser used for Stoker. */
  private final HttpServletRequest http = Fakes.of(HttpServletRequest.class, Map.of("getRemoteAddr",
      args -> "10.0.0.5", "getRequestURL",
      args -> new StringBuffer("http://127.0.0.1:18881/api/v1/auth/oidc/corp/callback")));
  private static final String SIGNIN = "http://127.0.0.1:18881" + SsoResource.CONSOLE_SIGNIN;

  @Test
  void loginSendsTheBrowserToTheProviderWithStokersCallback() {
    HttpServletRequest login = Fakes.of(HttpServletRequest.class, Map.of("getRequestURL",
        args -> new StringBuffer("http://stoker.example:8181/api/v1/auth/oidc/corp/login")));
    Response r = resource.login("corp", login);
    assertEquals(303, r.getStatus());
    assertEquals("https://idp.example/auth?client_id=stoker", r.getLocation().toString());
    assertEquals("http://stoker.example:8181/api/v1/auth/oidc/corp/callback", redirect.get().toString());
    assertEquals(List.of(new SingleSignOn.Provider("corp", "Corporate SSO")), resource.providers().items());
  }

  @Test
  void theCallbackHandsTheSessionOverOnceThroughAOneTimeCode() {
    Response r = resource.callback("corp", "good-state", "abc", null, http);
    assertEquals(303, r.getStatus());
    String location = r.getLocation().toString();
    // absolute, on the browser's origin: a relative location would land under /api/v1 on CXF's first host
    assertTrue(location.startsWith(SIGNIN + "?sso="), location);
    assertTrue(!location.contains("session-jwt"));
    String code = location.substring(location.indexOf('=') + 1);

    assertEquals("session-jwt", resource.session(new SsoResource.Handoff(code)).access_token());
    ProblemException again = assertThrows(ProblemException.class,
        () -> resource.session(new SsoResource.Handoff(code)));
    assertEquals(401, again.getResponse().getStatus());
    assertEquals(400, assertThrows(ProblemException.class, () -> resource.session(new SsoResource.Handoff("")))
        .getResponse().getStatus());
  }

  @Test
  void refusalsAndProviderErrorsGoBackToTheSignInPageWithTheReason() {
    String refused = resource.callback("corp", "replayed", "abc", null, http).getLocation().toString();
    assertTrue(refused.startsWith(SIGNIN + "?sso_error="), refused);
    assertTrue(refused.contains("expired"), refused);
    String denied = resource.callback("corp", null, null, "access_denied", http).getLocation().toString();
    assertTrue(denied.contains("access_denied"), denied);
  }
}
