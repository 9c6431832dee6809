package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.store.internal.Standalone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security issue class 7: a password change, disabling or deleting a user ends their sessions; a child API
 * token never outlives its parent; the admin's maximum token lifetime holds; throttled logins are sampled.
 */
class SessionRevocationTest {
  @TempDir
  Path data;
  private final SecurityServiceTest.MutableClock clock = new SecurityServiceTest.MutableClock();
  private JdbcDataSource ds;
  private SecurityService security;

  @BeforeEach
  void setUp() throws Exception {
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    security = service(0);
    security.create("erin", Role.ENGINEER, "engineer-password-1".toCharArray(), "admin");
  }

  private SecurityService service(int maxTokenDays) throws Exception {
    var settings = SecurityServiceTest.settings(data, Map.of("maxTokenDays", maxTokenDays,
        "signingKeyFile", data.resolve("etc-keys").resolve("jwt-signing.key").toString()));
    return new SecurityService(Standalone.open(ds), settings, data, clock, new PasswordHasher(1024, 1, 1), Map.of());
  }

  private String login() {
    return security.login("erin", "engineer-password-1".toCharArray(), "10.1.1.1").accessToken();
  }

  @Test
  void aNewPasswordEndsEverySessionIssuedBefore() {
    String before = login();
    assertEquals("erin", security.authenticate(before).username());
    security.update("erin", null, "engineer-password-2".toCharArray(), "admin");
    assertThrows(AuthenticationException.class, () -> security.authenticate(before));
    String after = security.login("erin", "engineer-password-2".toCharArray(), "10.1.1.1").accessToken();
    assertEquals("erin", security.authenticate(after).username());
    security.update("erin", Role.LEAD, null, "admin");
    assertEquals(Role.LEAD, security.authenticate(after).role(), "a role change keeps the session, with the new role");
  }

  @Test
  void disablingEndsSessionsRefusesLoginAndTokensUntilEnabled() {
    String session = login();
    IssuedToken token = security.issue("erin", "ci", Set.of("read"), Duration.ofDays(1));
    assertTrue(security.setDisabled("erin", true, "admin").disabled());
    assertThrows(AuthenticationException.class, () -> security.authenticate(session));
    assertThrows(AuthenticationException.class, () -> security.authenticate(token.secret()));
    assertThrows(AuthenticationException.class, this::login);

    assertFalse(security.setDisabled("erin", false, "admin").disabled());
    assertThrows(AuthenticationException.class, () -> security.authenticate(session), "ended sessions stay ended");
    assertEquals("erin", security.authenticate(token.secret()).username(), "the token works again");
    assertEquals("erin", security.authenticate(login()).username());
  }

  @Test
  void theLastEnabledAdminCannotBeDisabled() {
    assertThrows(ConflictException.class, () -> security.setDisabled("admin", true, "admin"));
    security.create("root2", Role.ADMIN, "admin-password-22".toCharArray(), "admin");
    security.setDisabled("admin", true, "root2");
    assertThrows(ConflictException.class, () -> security.setDisabled("root2", true, "root2"));
  }

  @Test
  void deletingAUserEndsTheirSessions() {
    String session = login();
    assertTrue(security.delete("erin", "admin"));
    assertThrows(AuthenticationException.class, () -> security.authenticate(session));
  }

  @Test
  void aChildTokenNeverOutlivesItsParentNorGrantsMore() {
    IssuedToken parent = security.issue("erin", "pipeline", Set.of("read", "write"), Duration.ofDays(2));
    String parentId = security.authenticate(parent.secret()).tokenId();
    IssuedToken child = security.issue("erin", "step", Set.of("read"), Duration.ofDays(30), parentId);
    assertEquals(parent.token().expires(), child.token().expires(), "capped at the parent's expiry");
    assertEquals(parentId, child.token().parent());
    IssuedToken forever = security.issue("erin", "step2", Set.of("read"), null, parentId);
    assertEquals(parent.token().expires(), forever.token().expires());

    InvalidInputException wider = assertThrows(InvalidInputException.class,
        () -> security.issue("erin", "escalate", Set.of("admin"), null, parentId));
    assertEquals("scopes", wider.field());

    assertTrue(security.revoke(parentId, "erin"));
    assertThrows(AuthenticationException.class, () -> security.authenticate(child.secret()));
    assertNotNull(security.list("erin").stream().filter(t -> t.id().equals(child.token().id())).findFirst()
        .orElseThrow().revoked(), "revoked with its parent");
    assertThrows(InvalidInputException.class, () -> security.issue("erin", "late", Set.of("read"), null, parentId));
  }

  @Test
  void aChildStopsWhenItsParentExpires() {
    IssuedToken parent = security.issue("erin", "short", Set.of("read"), Duration.ofHours(1));
    IssuedToken child = security.issue("erin", "child", Set.of("read"), Duration.ofHours(1),
        parent.token().id());
    clock.now = clock.now.plus(Duration.ofMinutes(90));
    assertThrows(AuthenticationException.class, () -> security.authenticate(child.secret()));
  }

  @Test
  void theAdminsMaximumLifetimeHolds() throws Exception {
    security = service(30);
    InvalidInputException tooLong = assertThrows(InvalidInputException.class,
        () -> security.issue("erin", "long", Set.of("read"), Duration.ofDays(31)));
    assertEquals("expiresInDays", tooLong.field());
    IssuedToken unlimited = security.issue("erin", "default", Set.of("read"), null);
    assertEquals(clock.now.plus(Duration.ofDays(30)), unlimited.token().expires(), "no expiry asked: the maximum");
  }

  @Test
  void throttledLoginsAreSampledNotRecordedOneByOne() {
    for (int i = 0; i < 40; i++) {
      assertThrows(AuthenticationException.class,
          () -> security.login("erin", "wrong-password-xx".toCharArray(), "10.6.6.6"));
    }
    long denied = security.find(new AuditQuery(null, "auth.login", null, AuditOutcome.DENIED, null, null),
        PageRequest.first()).total();
    // 3 free failures, then 37 throttled: sampled at 1, 2, 4, 8, 16, 32
    assertEquals(3 + 6, denied);
  }

  @Test
  void theGeneratedFirstPasswordMustBeChangedAndItsFileGoesWhenItIs() throws Exception {
    Path file = data.resolve(SecurityService.INITIAL_PASSWORD_FILE);
    String initial = Files.readString(file).trim();
    assertTrue(security.login("admin", initial.toCharArray(), "10.1.1.2").passwordChangeRequired());
    assertFalse(security.login("erin", "engineer-password-1".toCharArray(), "10.1.1.2").passwordChangeRequired());
    security.update("admin", null, "admins-own-password".toCharArray(), "admin");
    assertFalse(Files.exists(file), "the generated password is not left lying around");
    assertFalse(security.login("admin", "admins-own-password".toCharArray(), "10.1.1.2").passwordChangeRequired());
  }

  @Test
  void theSigningKeyLivesApartFromDataAndAnOldOneMovesThere() throws Exception {
    Path key = data.resolve("etc-keys").resolve("jwt-signing.key");
    assertTrue(Files.exists(key));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertFalse(Files.exists(data.resolve("stoker").resolve("jwt-signing.key")));

    String session = login();
    Path legacy = data.resolve("stoker").resolve("jwt-signing.key");
    Files.createDirectories(legacy.getParent());
    Files.move(key, legacy); // as an install from before the move has it
    security = service(0);
    assertTrue(Files.exists(key) && !Files.exists(legacy), "moved out of data/");
    assertEquals("erin", security.authenticate(session).username(), "same key: sessions survive the move");
  }
}
