package dev.stoker.rest.internal;

import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.testing.Fakes;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/** Runs the real {@link AuthFilter} for one request to a resource method, as CXF would. */
final class FilterRun {
  private FilterRun() {
  }

  /**
   * @param callers bearer token → the caller it authenticates
   * @return the refusal, or {@code null} when the request is let through
   */
  static Response filter(Map<String, StokerPrincipal> callers, ProjectScopes scopes, String caller, Method method,
      Map<String, String> pathParams) throws Exception {
    AuthFilter filter = new AuthFilter(() -> Fakes.of(AuthService.class, Map.of("authenticate",
        a -> callers.get((String) a[0]))), scopes);
    Field info = AuthFilter.class.getDeclaredField("resource");
    info.setAccessible(true);
    info.set(filter, Fakes.of(ResourceInfo.class, Map.of("getResourceMethod", a -> method,
        "getResourceClass", a -> method.getDeclaringClass())));
    MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
    pathParams.forEach(params::putSingle);
    AtomicReference<Response> aborted = new AtomicReference<>();
    Map<String, Object> props = new HashMap<>();
    ContainerRequestContext request = Fakes.of(ContainerRequestContext.class, Map.of(
        "getHeaderString", a -> "Bearer " + caller,
        "getUriInfo", a -> Fakes.of(UriInfo.class, Map.of("getPathParameters", x -> params)),
        "setProperty", a -> props.put((String) a[0], a[1]),
        "getSecurityContext", a -> Fakes.of(SecurityContext.class, Map.of("isSecure", x -> true)),
        "setSecurityContext", a -> null,
        "abortWith", a -> {
          aborted.set((Response) a[0]);
          return null;
        }));
    filter.filter(request);
    return aborted.get();
  }

  /** @return the status a resource call answers: 200 when it returns, else its problem's */
  static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (ProblemException e) {
      return e.getResponse().getStatus();
    }
  }
}
