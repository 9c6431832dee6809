package dev.stoker.rest.internal;

import java.util.function.Function;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

/**
 * Answers 503 for the paths of a resource that is not serving now (its component waits for a service),
 * naming what is missing. It runs after {@link AuthFilter}, so that callers see 401/403 first, as they
 * would from a serving resource.
 */
@Priority(Priorities.AUTHORIZATION)
final class AvailabilityFilter implements ContainerRequestFilter {
  /** The resource class a request matched, to what it waits for, or {@code null} while it serves. */
  private final Function<Class<?>, String> missing;
  @Context
  ResourceInfo resource;

  AvailabilityFilter(Function<Class<?>, String> missing) {
    this.missing = missing;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Class<?> matched = resource == null ? null : resource.getResourceClass();
    if (matched == null) {
      return; // no match: JAX-RS answers 404/405 itself
    }
    String what = missing.apply(matched);
    if (what != null) {
      request.abortWith(Unavailable.response(what));
    }
  }
}
