package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.testing.Fakes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Each principal has its own bucket; one request too many answers 429 with the seconds to wait. */
class RateLimitFilterTest {
  private final AtomicLong nanos = new AtomicLong();

  /** @return the answer the filter aborted with, or {@code null} when it let the request through */
  private static Response call(RateLimitFilter filter, String user) {
    Map<String, Object> properties = new HashMap<>();
    if (user != null) {
      properties.put(AuthFilter.PRINCIPAL, new StokerPrincipal(user, Role.VIEWER, Set.of(), null));
    }
    Response[] aborted = new Response[1];
    filter.filter(Fakes.of(ContainerRequestContext.class, Map.of(
        "getProperty", args -> properties.get((String) args[0]),
        "abortWith", args -> {
          aborted[0] = (Response) args[0];
          return null;
        })));
    return aborted[0];
  }

  @Test
  void aPrincipalPastItsBurstWaitsForTheRateAndOthersAreNotHeldUp() {
    RateLimitFilter filter = new RateLimitFilter(new RateLimiter(60, 3, nanos::get)); // one a second
    for (int i = 0; i < 3; i++) {
      assertNull(call(filter, "ci-bot"));
    }
    Response refused = call(filter, "ci-bot");
    assertEquals(429, refused.getStatus());
    assertEquals("1", refused.getHeaderString("Retry-After"));
    assertNull(call(filter, "erin"), "another principal has its own bucket");
    assertNull(call(filter, null), "anonymous requests are the login throttle's");

    nanos.addAndGet(1_000_000_000L);
    assertNull(call(filter, "ci-bot"));
    assertEquals(429, call(filter, "ci-bot").getStatus());
  }

  @Test
  void retryAfterSaysHowLongUntilTheNextRequestIsAllowed() {
    RateLimiter limiter = new RateLimiter(6, 1, nanos::get); // one per 10 s
    assertEquals(0, limiter.acquire("u"));
    assertEquals(10, limiter.acquire("u"));
    nanos.addAndGet(4_000_000_000L);
    assertEquals(6, limiter.acquire("u"));
  }

  @Test
  void zeroTurnsTheLimitOff() {
    RateLimiter limiter = new RateLimiter(0, 1, nanos::get);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(0, limiter.acquire("u"));
    }
  }
}
