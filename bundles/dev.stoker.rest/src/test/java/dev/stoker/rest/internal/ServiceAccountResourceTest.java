package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.security.ApiToken;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.ServiceAccount;
import dev.stoker.api.security.ServiceAccountService;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.testing.Fakes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The REST shape of service accounts: statuses, body checks, and the caller handed to the service. */
class ServiceAccountResourceTest {
  private final List<Object[]> calls = new ArrayList<>();
  private final ServiceAccountService service = Fakes.of(ServiceAccountService.class, Map.of(
      "create", args -> {
        calls.add(args);
        if (!((StokerPrincipal) args[2]).role().includes((Role) args[1])) {
          throw new ForbiddenException("role: above yours");
        }
        return new ServiceAccount((String) args[0], (Role) args[1], ((StokerPrincipal) args[2]).username(),
            Instant.EPOCH);
      },
      "delete", args -> "ci-build".equals(args[0]),
      "issueToken", args -> {
        calls.add(args);
        return new IssuedToken(new ApiToken("t1", (String) args[0], (String) args[1], Set.of("read"), Instant.EPOCH,
            Instant.EPOCH.plus((Duration) args[3]), null, null), "stk_t1_secret");
      },
      "revokeToken", args -> false));
  private final ServiceAccountResource resource = new ServiceAccountResource(service);
  private final Principals lee = new Principals(new StokerPrincipal("lee", Role.LEAD, Set.of(), null), true);

  @Test
  void createsAsTheCallerAndSaysWhatIsWrongWithTheBody() {
    assertEquals(201, resource.create(new ServiceAccountResource.NewServiceAccount("ci-build", "engineer"), lee)
        .getStatus());
    assertEquals("lee", ((StokerPrincipal) calls.get(0)[2]).username());
    assertEquals(400, assertThrows(ProblemException.class, () -> resource.create(null, lee)).getResponse()
        .getStatus());
    assertEquals(400, assertThrows(ProblemException.class,
        () -> resource.create(new ServiceAccountResource.NewServiceAccount("ci", null), lee)).getResponse().getStatus());
    assertThrows(ForbiddenException.class,
        () -> resource.create(new ServiceAccountResource.NewServiceAccount("ci-admin", "admin"), lee));
  }

  @Test
  void tokensHaveBoundedLifetimesAndUnknownThingsAre404() {
    assertEquals(201, resource.issue("ci-build", new TokenResource.NewToken("jenkins", Set.of("read"), 30), lee)
        .getStatus());
    assertEquals(Duration.ofDays(30), calls.get(0)[3]);
    assertEquals(400, assertThrows(ProblemException.class, () -> resource.issue("ci-build",
        new TokenResource.NewToken("jenkins", Set.of("read"), 0), lee)).getResponse().getStatus());
    assertEquals(204, resource.delete("ci-build", lee).getStatus());
    assertEquals(404, assertThrows(ProblemException.class, () -> resource.delete("nope", lee)).getResponse()
        .getStatus());
    assertEquals(404, assertThrows(ProblemException.class, () -> resource.revoke("ci-build", "t9", lee))
        .getResponse().getStatus());
  }
}
