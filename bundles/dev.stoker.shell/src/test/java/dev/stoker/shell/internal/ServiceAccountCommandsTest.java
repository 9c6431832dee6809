package dev.stoker.shell.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.security.ApiToken;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.ServiceAccount;
import dev.stoker.api.security.ServiceAccountService;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code stoker:service-account-*}: created in the owner's name (their role bounds it), audited by console user. */
class ServiceAccountCommandsTest extends ShellTestSupport {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private final AtomicReference<StokerPrincipal> asked = new AtomicReference<>();
  private final ServiceAccountService accounts = stub(ServiceAccountService.class, Map.of(
      "create", a -> {
        StokerPrincipal owner = (StokerPrincipal) a[2];
        asked.set(owner);
        if (!owner.role().includes((Role) a[1])) {
          throw new ForbiddenException("role: a service account cannot have more than your role");
        }
        return new ServiceAccount((String) a[0], (Role) a[1], owner.username(), Instant.EPOCH);
      },
      "issueToken", a -> {
        asked.set((StokerPrincipal) a[4]);
        return new IssuedToken(new ApiToken("t1", (String) a[0], (String) a[1], (Set<String>) a[2], Instant.EPOCH,
            Instant.EPOCH.plus(a[3] == null ? Duration.ofDays(90) : (Duration) a[3]), null, null), "stk_t1_s3cret");
      }));
  private final UserService users = stub(UserService.class, Map.of("find",
      a -> "lee".equals(a[0]) ? Optional.of(new User("lee", Role.LEAD, Instant.EPOCH, "admin", false))
          : Optional.empty()));
  private final RecordingAudit audit = new RecordingAudit();

  @BeforeEach
  void captureOut() {
    savedOut = System.out;
    System.setOut(new PrintStream(out, true, UTF_8));
  }

  @AfterEach
  void restoreOut() {
    System.setOut(savedOut);
  }

  private ServiceAccountCommands.Add add(String name, String role, String owner) {
    ServiceAccountCommands.Add add = new ServiceAccountCommands.Add();
    add.accounts = accounts;
    add.users = users;
    add.audit = audit;
    add.session = new FakeSession("alice");
    add.name = name;
    add.role = role;
    add.owner = owner;
    return add;
  }

  @Test
  void createsInTheOwnersNameSoTheirRoleBoundsIt() throws Exception {
    add("ci-build", "engineer", "lee").execute();
    assertEquals(new StokerPrincipal("lee", Role.LEAD, Set.of(), null), asked.get());
    assertEquals("shell:alice", audit.only("serviceaccount.create").actor());
    assertThrows(CommandException.class, () -> add("ci-admin", "admin", "lee").execute());
    assertThrows(CommandException.class, () -> add("ci-x", "viewer", "nobody").execute());
  }

  @Test
  void issuesATokenShownOnceAndAuditsIt() throws Exception {
    ServiceAccountCommands.Issue issue = new ServiceAccountCommands.Issue();
    issue.accounts = accounts;
    issue.audit = audit;
    issue.session = new FakeSession("alice");
    issue.account = "ci-build";
    issue.tokenName = "jenkins";
    issue.scopes = "read, write";
    issue.days = 7;
    issue.execute();
    assertTrue(out.toString(UTF_8).contains("stk_t1_s3cret"), out.toString(UTF_8));
    assertEquals(Role.ADMIN, asked.get().role());
    assertTrue(audit.only("serviceaccount.token.issue").detail().contains("t1"));
    assertTrue(!audit.only("serviceaccount.token.issue").detail().contains("s3cret"));
  }
}
