package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.store.internal.Standalone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service accounts: owned by a lead, never above the owner's role, tokens that always expire, managed only by
 * the owner or an admin, and dead while the owner is disabled or demoted.
 */
class ServiceAccountTest {
  @TempDir
  Path data;
  private final SecurityServiceTest.MutableClock clock = new SecurityServiceTest.MutableClock();
  private SecurityService security;
  private final StokerPrincipal admin = new StokerPrincipal("admin", Role.ADMIN, Set.of(), null);
  private final StokerPrincipal lee = new StokerPrincipal("lee", Role.LEAD, Set.of(), null);
  private final StokerPrincipal lou = new StokerPrincipal("lou", Role.LEAD, Set.of(), null);
  private final StokerPrincipal erin = new StokerPrincipal("erin", Role.ENGINEER, Set.of(), null);

  @BeforeEach
  void setUp() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    security = new SecurityService(Standalone.open(ds), SecurityServiceTest.settings(data, Map.of()), data, clock,
        new PasswordHasher(1024, 1, 1), Map.of("STOKER_ADMIN_PASSWORD", "admin-password-1"));
    security.create("lee", Role.LEAD, "lead-password-11".toCharArray(), "admin");
    security.create("lou", Role.LEAD, "lead-password-22".toCharArray(), "admin");
    security.create("erin", Role.ENGINEER, "engineer-password-1".toCharArray(), "admin");
  }

  @Test
  void aLeadCreatesAnAccountWhoseExpiringTokenActsUnderItsName() {
    assertEquals("lee", security.create("ci-build", Role.ENGINEER, lee).owner());
    IssuedToken token = security.issueToken("ci-build", "jenkins", Set.of("read", "write"), null, lee);
    assertEquals(clock.now.plus(ServiceAccounts.MAX_LIFETIME), token.token().expires());
    StokerPrincipal p = security.authenticate(token.secret());
    assertEquals("ci-build", p.username());
    assertEquals(Role.ENGINEER, p.role());
    assertEquals(List.of("ci-build"), security.list(lee).stream().map(a -> a.name()).toList());
    assertEquals(List.of(), security.list(lou));
    assertEquals(1, security.list(admin).size());
    // never signs in with a password, and nobody can give it one or change its role
    assertThrows(AuthenticationException.class, () -> security.login("ci-build", "!".toCharArray(), "10.0.0.1"));
    assertThrows(ConflictException.class, () -> security.update("ci-build", null, "a-long-password-1".toCharArray(),
        "admin"));
    assertThrows(ConflictException.class, () -> security.update("ci-build", Role.ADMIN, null, "admin"));

    clock.now = clock.now.plus(Duration.ofDays(91));
    assertThrows(AuthenticationException.class, () -> security.authenticate(token.secret()));
  }

  @Test
  void lowerRolesCannotCreateAccountsOrAccountsAboveThemselves() {
    assertThrows(ForbiddenException.class, () -> security.create("ci-x", Role.VIEWER, erin));
    assertThrows(ForbiddenException.class, () -> security.create("ci-x", Role.ADMIN, lee));
    assertThrows(InvalidInputException.class, () -> security.create("Bad Name", Role.VIEWER, lee));
    assertThrows(ConflictException.class, () -> security.create("erin", Role.VIEWER, lee));
    assertThrows(InvalidInputException.class,
        () -> security.issueToken(security.create("ci-y", Role.VIEWER, lee).name(), "t", Set.of("read"),
            Duration.ofDays(365), lee));
    // an account's own token cannot make more accounts (no way around the owner)
    IssuedToken t = security.issueToken("ci-y", "t", Set.of("read", "write", "admin"), Duration.ofDays(1), lee);
    StokerPrincipal asAccount = security.authenticate(t.secret());
    assertThrows(ForbiddenException.class, () -> security.create("ci-z", Role.VIEWER,
        new StokerPrincipal(asAccount.username(), Role.LEAD, asAccount.scopes(), asAccount.tokenId())));
  }

  @Test
  void onlyTheOwnerOrAnAdminManagesAnAccount() {
    security.create("ci-build", Role.ENGINEER, lee);
    IssuedToken token = security.issueToken("ci-build", "jenkins", Set.of("read"), Duration.ofDays(7), lee);
    assertThrows(ForbiddenException.class, () -> security.issueToken("ci-build", "mine", Set.of("read"), null, lou));
    assertThrows(ForbiddenException.class, () -> security.tokens("ci-build", lou));
    assertThrows(ForbiddenException.class, () -> security.revokeToken("ci-build", token.token().id(), lou));
    assertThrows(ForbiddenException.class, () -> security.delete("ci-build", lou));
    assertThrows(NotFoundException.class, () -> security.tokens("erin", lee), "people are not service accounts");
    assertThrows(NotFoundException.class, () -> security.revokeToken("ci-build", "0000", lee));

    assertTrue(security.revokeToken("ci-build", token.token().id(), admin));
    assertThrows(AuthenticationException.class, () -> security.authenticate(token.secret()));
    assertTrue(security.delete("ci-build", lee));
    assertFalse(security.delete("ci-build", lee));
  }

  @Test
  void anAccountStopsWhenItsOwnerIsDisabledOrDemotedAndNeverActsAboveTheOwner() {
    security.create("ci-admin", Role.ADMIN, admin);
    security.update("admin", null, null, "admin");
    security.create("ops-admin", Role.ADMIN, "admin-password-22".toCharArray(), "admin");
    security.create("ci-lead", Role.LEAD, lee);
    String leadToken = security.issueToken("ci-lead", "t", Set.of("read"), Duration.ofDays(1), lee).secret();
    assertEquals(Role.LEAD, security.authenticate(leadToken).role());

    security.setDisabled("lee", true, "admin");
    assertThrows(AuthenticationException.class, () -> security.authenticate(leadToken));
    security.setDisabled("lee", false, "admin");
    security.update("lee", Role.ENGINEER, null, "admin");
    assertThrows(AuthenticationException.class, () -> security.authenticate(leadToken));
    assertThrows(ConflictException.class, () -> security.delete("lee", "admin"), "owns an account");

    // an admin's admin account, its owner demoted to lead: the account acts as a lead at most
    String adminToken = security.issueToken("ci-admin", "t", Set.of("read"), Duration.ofDays(1), admin).secret();
    security.update("admin", Role.LEAD, null, "ops-admin");
    assertEquals(Role.LEAD, security.authenticate(adminToken).role());
    assertEquals(Instant.class, security.list(
        new StokerPrincipal("ops-admin", Role.ADMIN, Set.of(), null)).get(0).created().getClass());
  }
}
