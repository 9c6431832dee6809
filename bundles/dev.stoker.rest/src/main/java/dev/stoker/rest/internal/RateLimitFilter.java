package dev.stoker.rest.internal;

import dev.stoker.api.security.StokerPrincipal;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Response;

/**
 * Limits the requests of each authenticated principal ({@link RateLimiter}, PID {@code dev.stoker.rest}
 * {@code ratePerMinute}, {@code rateBurst}); one too many answers 429 with {@code Retry-After}. Runs right after
 * {@link AuthFilter}; anonymous requests (sign-in, health) are left to the login throttle.
 */
@Priority(Priorities.AUTHENTICATION + 1)
final class RateLimitFilter implements ContainerRequestFilter {
  private final RateLimiter limiter;

  RateLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request.getProperty(AuthFilter.PRINCIPAL) instanceof StokerPrincipal principal)) {
      return;
    }
    long retryAfter = limiter.acquire(principal.username());
    if (retryAfter > 0) {
      Response answer = Problem.of(429, "Too Many Requests", "too many requests from '" + principal.username()
          + "'; retry in " + retryAfter + " s", null).toResponse();
      request.abortWith(Response.fromResponse(answer).header("Retry-After", Long.toString(retryAfter)).build());
    }
  }
}
