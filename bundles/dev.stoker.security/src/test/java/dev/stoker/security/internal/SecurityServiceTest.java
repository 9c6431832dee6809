package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.ChainVerification;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.security.TokenGrant;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.OsgiConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityServiceTest {
  @TempDir
  Path data;
  private JdbcDataSource ds;
  private MutableClock clock;
  private SecurityService security;
  private String adminPassword;

  /** A clock tests can move forward. */
  static final class MutableClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    clock = new MutableClock();
    security = newService(Map.of());
    adminPassword = Files.readString(data.resolve(SecurityService.INITIAL_PASSWORD_FILE)).trim();
  }

  /**
   * The configuration's defaults with {@code overrides}, and quicker throttling (3 free attempts, 60 s at most)
   * unless overridden; the signing key goes to {@code <etc>/keys/}.
   */
  static SecurityService.Settings settings(Path etc, Map<String, ?> overrides) {
    Map<String, Object> properties = new HashMap<>(Map.of("loginFreeAttempts", 3, "loginMaxDelaySeconds", 60));
    properties.putAll(overrides);
    return SecurityService.Settings.of(OsgiConfigs.of(SecurityConfig.class, properties), etc);
  }

  private SecurityService newService(Map<String, String> env) throws Exception {
    return new SecurityService(Standalone.open(ds), settings(data, Map.of()), data, clock,
        new PasswordHasher(1024, 1, 1), env);
  }

  @Test
  void firstStartCreatesAdminWithPrivatePasswordFile() throws Exception {
    Path file = data.resolve(SecurityService.INITIAL_PASSWORD_FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(adminPassword.length() >= 20);
    assertEquals(Role.ADMIN, security.find("admin").orElseThrow().role());
    // a second start over the same database creates nothing and keeps the password
    newService(Map.of());
    assertEquals(1, security.list(PageRequest.first()).total());
    assertEquals(adminPassword, Files.readString(file).trim());
  }

  @Test
  void configuredAdminPasswordIsUsedAndNoFileWritten() throws Exception {
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Files.delete(data.resolve(SecurityService.INITIAL_PASSWORD_FILE));
    SecurityService other = newService(Map.of("STOKER_ADMIN_PASSWORD", "correct horse battery"));
    assertFalse(Files.exists(data.resolve(SecurityService.INITIAL_PASSWORD_FILE)));
    assertEquals("Bearer", other.login("admin", "correct horse battery".toCharArray(), "127.0.0.1").tokenType());
  }

  @Test
  void aFirstStartRefusesAConfiguredPasswordTooShort() throws Exception {
    // no signing key yet: the first start hashes the password ahead, and must still check it first
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Files.delete(data.resolve("keys").resolve("jwt-signing.key"));
    Files.delete(data.resolve(SecurityService.INITIAL_PASSWORD_FILE));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> newService(Map.of("STOKER_ADMIN_PASSWORD", "short")));
    assertTrue(e.getMessage().startsWith("password:"), e.getMessage());
    assertFalse(Files.exists(data.resolve(SecurityService.INITIAL_PASSWORD_FILE)));
  }

  @Test
  void loginIssuesJwtThatAuthenticatesUntilExpiry() {
    TokenGrant grant = security.login("admin", adminPassword.toCharArray(), "10.0.0.1");
    assertEquals(900, grant.expiresIn());
    StokerPrincipal p = security.authenticate(grant.accessToken());
    assertEquals("admin", p.username());
    assertEquals(Role.ADMIN, p.role());
    clock.now = clock.now.plus(Duration.ofMinutes(16));
    assertThrows(AuthenticationException.class, () -> security.authenticate(grant.accessToken()));
    assertThrows(AuthenticationException.class, () -> security.authenticate(grant.accessToken() + "x"));
  }

  @Test
  void aChangedConfigurationAppliesToTheNextRequest() {
    TokenGrant before = security.login("admin", adminPassword.toCharArray(), "10.0.0.1");
    security.apply(settings(data, Map.of("sessionMinutes", 5, "minPasswordLength", 20, "maxTokenDays", 2,
        "loginFreeAttempts", 1)));
    TokenGrant after = security.login("admin", adminPassword.toCharArray(), "10.0.0.1");
    assertEquals(300, after.expiresIn());
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThrows(AuthenticationException.class, () -> security.authenticate(after.accessToken()));
    assertEquals("admin", security.authenticate(before.accessToken()).username(), "issued tokens keep their expiry");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> security.create("shorty", Role.VIEWER,
        "nineteen-characters".toCharArray(), "admin")).getMessage().startsWith("password: at least 20"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> security.issue("admin", "ci", Set.of("read"),
        Duration.ofDays(3))).getMessage().startsWith("expiresInDays: at most 2"));
    assertThrows(AuthenticationException.class, () -> security.login("admin", "guess-guess-guess".toCharArray(), "10.0.0.7"));
    assertThrows(AuthenticationException.class, () -> security.login("admin", adminPassword.toCharArray(), "10.0.0.7"),
        "one free attempt now");
  }

  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(SecurityConfig.class, "dev.stoker.security.cfg");
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlike() {
    var wrong = assertThrows(AuthenticationException.class,
        () -> security.login("admin", "not-the-password".toCharArray(), "10.0.0.2"));
    var unknown = assertThrows(AuthenticationException.class,
        () -> security.login("nobody", "not-the-password".toCharArray(), "10.0.0.3"));
    assertEquals(wrong.getMessage(), unknown.getMessage());
  }

  @Test
  void failedLoginsAreThrottledEvenWithTheRightPassword() {
    for (int i = 0; i < 3; i++) {
      assertThrows(AuthenticationException.class, () -> security.login("admin", "guess-guess-guess".toCharArray(), "10.9.9.9"));
    }
    assertThrows(AuthenticationException.class, () -> security.login("admin", adminPassword.toCharArray(), "10.9.9.9"));
    assertEquals(AuditOutcome.DENIED, security.find(new AuditQuery("admin", "auth.login", null, null, null, null),
        PageRequest.first()).items().get(0).record().outcome());
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertEquals("Bearer", security.login("admin", adminPassword.toCharArray(), "10.9.9.9").tokenType());
  }

  @Test
  void apiTokensCarryScopesAndCanBeRevoked() {
    security.create("vera", Role.VIEWER, "viewer-password-1".toCharArray(), "admin");
    IssuedToken issued = security.issue("vera", "ci", Set.of("read"), Duration.ofDays(1));
    StokerPrincipal p = security.authenticate(issued.secret());
    assertEquals("vera", p.username());
    assertEquals(Set.of("read"), p.scopes());
    assertTrue(p.may(Role.VIEWER, "read"));
    assertFalse(p.may(Role.VIEWER, "write"));
    assertEquals(1, security.list("vera").size());
    String tampered = issued.secret().substring(0, issued.secret().length() - 2) + "zz";
    assertThrows(AuthenticationException.class, () -> security.authenticate(tampered));
    assertTrue(security.revoke(issued.token().id(), "vera"));
    assertThrows(AuthenticationException.class, () -> security.authenticate(issued.secret()));
    assertFalse(security.revoke(issued.token().id(), "vera"));
  }

  @Test
  void expiredApiTokenIsRefused() {
    IssuedToken issued = security.issue("admin", "short", Set.of("read", "write"), Duration.ofHours(1));
    clock.now = clock.now.plus(Duration.ofHours(2));
    assertThrows(AuthenticationException.class, () -> security.authenticate(issued.secret()));
  }

  @Test
  void invalidInputNamesTheField() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> security.create("Bad Name", Role.VIEWER, "long-enough-password".toCharArray(), "admin"));
    assertTrue(e.getMessage().startsWith("username:"));
    e = assertThrows(IllegalArgumentException.class,
        () -> security.create("shorty", Role.VIEWER, "short".toCharArray(), "admin"));
    assertTrue(e.getMessage().startsWith("password:"));
    e = assertThrows(IllegalArgumentException.class, () -> security.issue("admin", "x", Set.of("root"), null));
    assertTrue(e.getMessage().startsWith("scopes:"));
    assertThrows(IllegalStateException.class, () -> security.delete("admin", "admin"));
    assertEquals(1, security.list(PageRequest.first()).total(), "nothing half-written");
  }

  @Test
  void auditChainVerifiesAndReportsTheAlteredRow() throws Exception {
    for (int i = 0; i < 5; i++) {
      security.append(new AuditRecord("admin", "POST /api/v1/users", "u" + i, "127.0.0.1", AuditOutcome.SUCCESS, ""));
    }
    ChainVerification ok = security.verify();
    assertTrue(ok.intact());
    assertEquals(6, ok.checked()); // the first-start entry plus five
    assertNull(ok.firstBrokenSeq());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("UPDATE stoker_audit SET target = 'someone-else' WHERE seq = 4"));
    }
    ChainVerification broken = security.verify();
    assertFalse(broken.intact());
    assertEquals(4L, broken.firstBrokenSeq());
    assertNotEquals(null, broken.reason());
  }

  @Test
  void auditQueryFiltersAndPaginatesNewestFirst() {
    for (int i = 0; i < 7; i++) {
      security.append(new AuditRecord(i % 2 == 0 ? "ann" : "bob", "DELETE /api/v1/x", "t" + i, "", AuditOutcome.SUCCESS, ""));
    }
    var page = security.find(new AuditQuery("ann", null, null, null, null, null), new PageRequest(0, 2));
    assertEquals(4, page.total());
    assertEquals(2, page.items().size());
    assertTrue(page.items().get(0).seq() > page.items().get(1).seq());
    assertTrue(page.hasMore());
  }
}
