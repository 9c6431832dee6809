package dev.stoker.rest.internal;

import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Supplier;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

/**
 * Authenticates every request and checks the role and scope its method declares with {@link Allow}.
 * Methods marked {@link Public} need nothing; methods marked with neither are refused.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {
  static final String PRINCIPAL = "stoker.principal";

  /** The authentication service, or {@code null} while it is missing (it needs the database). */
  private final Supplier<AuthService> auth;
  private final ProjectScopes scopes;
  @Context
  private ResourceInfo resource;

  AuthFilter(Supplier<AuthService> auth, ProjectScopes scopes) {
    this.auth = auth;
    this.scopes = scopes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource.getResourceMethod();
    if (method == null) {
      return; // no matching resource: JAX-RS answers 404/405 itself
    }
    if (method.isAnnotationPresent(Public.class)) {
      return;
    }
    StokerPrincipal principal;
    try {
      principal = Bearer.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION), auth.get());
    } catch (WebApplicationException e) {
      request.abortWith(e.getResponse());
      return;
    }
    request.setProperty(PRINCIPAL, principal);
    request.setSecurityContext(new Principals(principal, request.getSecurityContext().isSecure()));
    Allow allow = method.getAnnotation(Allow.class);
    if (allow == null) {
      request.abortWith(Problem.of(Response.Status.FORBIDDEN, "no access rule for this endpoint", null).toResponse());
      return;
    }
    Optional<ProjectScopes.Scope> scope = scopes.of(resource.getResourceClass(),
        request.getUriInfo().getPathParameters());
    Role role = principal.role();
    String where = "";
    if (scope.isPresent()) {
      Optional<Role> there = scopes.roleIn(principal, scope.get());
      if (there.isEmpty()) {
        // a restricted project is not shown to non-members: the same answer as a project that does not exist
        request.abortWith(Problem.of(Response.Status.NOT_FOUND, "project '" + scope.get().project() + "' not found",
            null).toResponse());
        return;
      }
      role = there.get();
      where = " on project '" + scope.get().project() + "'";
    }
    if (!allow.byProject() && !role.includes(allow.value())) {
      request.abortWith(refusal(allow.value(), role, where).getResponse());
    } else if (principal.tokenId() != null && !principal.scopes().contains(allow.scope())) {
      request.abortWith(Problem.of(Response.Status.FORBIDDEN, "this API token lacks the '" + allow.scope()
          + "' scope", null).toResponse());
    }
  }

  /** @return the 403 for a caller whose role ({@code where}: on which project) is below {@code needed} */
  static ProblemException refusal(Role needed, Role role, String where) {
    return ProblemException.forbidden("needs role '" + needed.id() + "' or higher" + where + "; you are '"
        + role.id() + "'");
  }
}
