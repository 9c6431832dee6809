package dev.stoker.rest.internal;

import dev.stoker.testing.Fakes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.security.StokerPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A stage's secrets (scope {@code stage:prod}) follow the stage rules even where the endpoint's role would let
 * the caller in: an admin who asks admin for prod secrets keeps leads out of writing, revealing and leasing them.
 */
class SecretStageRulesTest {
  private final List<String> called = new CopyOnWriteArrayList<>();
  private final SecretService secrets = Fakes.of(SecretService.class, Map.of(
      "metadata", a -> java.util.Optional.of(new dev.stoker.api.secrets.SecretMetadata((String) a[1],
          (dev.stoker.api.secrets.SecretScope) a[0], dev.stoker.api.secrets.SecretType.PASSWORD, 1, "t",
          java.time.Instant.EPOCH, null, Map.of())),
      "reveal", a -> {
        called.add("reveal " + a[1]);
        return "v".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }));
  private final StagePolicy adminsOnProd = Fakes.of(StagePolicy.class, Map.of("check", x -> {
    Object[] a = x.length == 4 ? new Object[] {x[0], x[2], x[3]} : x; // no project here
    if (a[1] == Stage.PROD && a[2] == StageAction.USE_SECRET && !a[0].equals("root")) {
      throw new ForbiddenException("stage prod: using secrets there needs the admin role", "prod");
    }
    return null;
  }));
  private final SecretResource resource = new SecretResource(secrets, adminsOnProd,
      new ProjectScopes(Fakes.of(dev.stoker.api.security.ProjectMemberService.class,
          Map.of("restricted", a -> false)), null, null, null));

  private static Principals as(String user, Role role) {
    return new Principals(new StokerPrincipal(user, role, Set.of(), null), false);
  }

  @Test
  void aLeadCannotRevealLeaseOrWriteAProdSecretWhenTheRulesSayAdmin() {
    Principals lead = as("lee", Role.LEAD);
    assertEquals("prod", assertThrows(ForbiddenException.class, () -> resource.reveal(
        new SecretResource.VersionRef("stage:prod", "db/password", null), lead)).stage());
    assertThrows(ForbiddenException.class, () -> resource.lease(new SecretResource.LeaseRequest(null, "prod", null,
        List.of("db/password"), null), lead));
    assertThrows(ForbiddenException.class, () -> resource.write(new SecretResource.NewSecret("stage:prod",
        "db/password", "password", "x", null, null, null, null), lead, null));
    assertTrue(called.isEmpty(), "the secret service was never asked");

    resource.reveal(new SecretResource.VersionRef("stage:dev", "db/password", null), lead);
    assertEquals(List.of("reveal db/password"), called, "other stages are untouched");
  }
}
