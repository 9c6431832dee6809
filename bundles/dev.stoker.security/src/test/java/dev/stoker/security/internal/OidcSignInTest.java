package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.SingleSignOn;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.security.TokenGrant;
import dev.stoker.store.internal.Standalone;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on against a real OpenID provider run by the test: API access tokens checked by the provider's
 * keys, issuer, audience and expiry; users created and kept in step with their groups; the console's code
 * flow with PKCE; local accounts turned off.
 */
class OidcSignInTest {
  private static final URI CALLBACK = URI.create("http://127.0.0.1:18200/api/v1/auth/oidc/corp/callback");
  @TempDir
  Path data;
  private final SecurityServiceTest.MutableClock clock = new SecurityServiceTest.MutableClock();
  private OidcTestProvider idp;
  private SecurityService security;
  private dev.stoker.api.store.Persistence persistence;

  @BeforeEach
  void setUp() throws Exception {
    clock.now = Instant.now();
    idp = new OidcTestProvider();
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    persistence = Standalone.open(ds);
    security = new SecurityService(persistence, SecurityServiceTest.settings(data, Map.of()), data, clock,
        new PasswordHasher(1024, 1, 1), Map.of("STOKER_ADMIN_PASSWORD", "break-glass-password"));
    security.addProvider(idp.provider(Map.of()));
  }

  @AfterEach
  void tearDown() {
    idp.close();
  }

  @Test
  void anAccessTokenOfTheProviderCallsTheApiAsAUserCreatedWithTheMappedRole() {
    StokerPrincipal p = security.authenticate(idp.accessToken("erin", List.of("stoker-engineers", "other"), 300));
    assertEquals("erin", p.username());
    assertEquals(Role.ENGINEER, p.role());
    assertEquals(Role.ENGINEER, security.find("erin").orElseThrow().role());
    assertEquals("oidc:corp", security.find("erin").orElseThrow().createdBy());
    // the highest role of the user's groups counts
    assertEquals(Role.LEAD, security.authenticate(
        idp.accessToken("erin", List.of("stoker-viewers", "stoker-leads"), 300)).role());
    assertEquals(1, security.find(new AuditQuery("oidc:corp", "user.sync", null, null, null, null),
        PageRequest.first()).items().stream().filter(e -> e.record().detail().contains("lead")).count());
  }

  @Test
  void groupBindingsFollowTheProviderGroupsAtEachTokenUse() {
    ProjectMembers members = new ProjectMembers(persistence, security);
    security.authenticate(idp.accessToken("vic", List.of("stoker-viewers", "line3-engineers"), 300));
    members.bind("line3", dev.stoker.api.security.ProjectMember.Kind.GROUP, "line3-engineers", Role.ENGINEER, null,
        "admin");
    assertEquals(java.util.Optional.of(Role.ENGINEER), members.roleOn("vic", "line3", null));
    // moved out of the project group at the provider: the next token use takes the binding away
    security.authenticate(idp.accessToken("vic", List.of("stoker-viewers"), 300));
    assertEquals(java.util.Optional.empty(), members.roleOn("vic", "line3", null));
  }

  @Test
  void wrongAudienceExpiredAndForeignKeyTokensAreRefused() throws Exception {
    String otherAudience = idp.token("someone-else", "erin", List.of("stoker-leads"), 300).serialize();
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> security.authenticate(otherAudience));
    assertTrue(e.getMessage().contains("aud"), e.getMessage());

    String expiring = idp.accessToken("erin", List.of("stoker-leads"), 60);
    assertEquals(Role.LEAD, security.authenticate(expiring).role());
    clock.now = clock.now.plus(Duration.ofMinutes(3)); // past expiry and the minute of clock skew
    e = assertThrows(AuthenticationException.class, () -> security.authenticate(expiring));
    assertTrue(e.getMessage().contains("xpired"), e.getMessage());
    clock.now = Instant.now();

    // the provider's issuer and audience, signed by a key that is not the provider's
    RSAKey foreign = new RSAKeyGenerator(2048).keyID(OidcTestProvider.ISSUER_ID).generate();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID())
        .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(idp.issuer())
        .audience(OidcTestProvider.AUDIENCE).subject("x").claim("preferred_username", "mallory")
        .claim("groups", List.of("stoker-leads")).expirationTime(Date.from(clock.now.plusSeconds(300))).build());
    forged.sign(new RSASSASigner(foreign));
    assertThrows(AuthenticationException.class, () -> security.authenticate(forged.serialize()));
    // the same claims unsigned ("alg": "none") are no better
    String unsigned = new com.nimbusds.jwt.PlainJWT(forged.getJWTClaimsSet()).serialize();
    assertThrows(AuthenticationException.class, () -> security.authenticate(unsigned));
    assertTrue(security.find("mallory").isEmpty());
  }

  @Test
  void aUserRemovedFromTheGroupLosesTheRoleAtNextUse() throws Exception {
    assertEquals(Role.LEAD, security.authenticate(idp.accessToken("lee", List.of("stoker-leads"), 300)).role());
    String session = signIn("lee", List.of("stoker-leads")).accessToken();
    assertEquals(Role.LEAD, security.authenticate(session).role());

    // moved to the engineers: the next token use counts, and so does the session (the role is read each time)
    assertEquals(Role.ENGINEER, security.authenticate(
        idp.accessToken("lee", List.of("stoker-engineers"), 300)).role());
    assertEquals(Role.ENGINEER, security.authenticate(session).role());

    // out of every group: refused, and the session ends with it
    String none = idp.accessToken("lee", List.of("marketing"), 300);
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> security.authenticate(none));
    assertEquals(OidcUsers.NO_ROLE, e.getMessage());
    assertTrue(security.find("lee").orElseThrow().disabled());
    assertThrows(AuthenticationException.class, () -> security.authenticate(session));
    assertEquals(1, security.find(new AuditQuery("lee", "auth.token", null, AuditOutcome.DENIED, null, null),
        PageRequest.first()).total());

    // back in a group: enabled again with that group's role
    assertEquals(Role.VIEWER, security.authenticate(idp.accessToken("lee", List.of("stoker-viewers"), 300)).role());
    assertFalse(security.find("lee").orElseThrow().disabled());
  }

  @Test
  void anAdminsDisablingIsNotUndoneByTheProvider() {
    security.authenticate(idp.accessToken("dan", List.of("stoker-engineers"), 300));
    security.setDisabled("dan", true, "admin");
    assertThrows(AuthenticationException.class,
        () -> security.authenticate(idp.accessToken("dan", List.of("stoker-leads"), 300)));
    // nor can an admin give a provider user a role or a password of their own
    assertThrows(ConflictException.class, () -> security.update("dan", Role.ADMIN, null, "admin"));
    assertThrows(ConflictException.class, () -> security.update("dan", null, "a-local-password".toCharArray(),
        "admin"));
  }

  @Test
  void roleMappingsAreReadFromACommaSeparatedSettingAsEtcFilesGiveThem() {
    security.addProvider(idp.provider(Map.of("roles", "stoker-ops = admin, stoker-qa=viewer")));
    assertEquals(Role.ADMIN, security.authenticate(idp.accessToken("olga", List.of("stoker-ops"), 300)).role());
    assertEquals(Role.VIEWER, security.authenticate(idp.accessToken("quinn", List.of("stoker-qa"), 300)).role());
    assertThrows(dev.stoker.api.common.InvalidInputException.class,
        () -> idp.provider(Map.of("roles", "stoker-ops=superuser")));
  }

  @Test
  void noGroupMeansNoUserUnlessADefaultRoleIsConfigured() {
    assertThrows(AuthenticationException.class,
        () -> security.authenticate(idp.accessToken("nina", List.of(), 300)));
    assertTrue(security.find("nina").isEmpty());
    security.addProvider(idp.provider(Map.of("defaultRole", "viewer")));
    assertEquals(Role.VIEWER, security.authenticate(idp.accessToken("nina", List.of(), 300)).role());
  }

  @Test
  void theProviderCannotTakeOverALocalAccount() {
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> security.authenticate(idp.accessToken("admin", List.of("stoker-viewers"), 300)));
    assertTrue(e.getMessage().contains("another account"), e.getMessage());
    assertEquals(Role.ADMIN, security.find("admin").orElseThrow().role());
    assertThrows(AuthenticationException.class, () -> security.authenticate(
        idp.accessToken("Not A Name!", List.of("stoker-leads"), 300)));
  }

  @Test
  void theConsoleSignsInWithTheCodeFlowAndEachStateWorksOnce() throws Exception {
    assertEquals(List.of(new SingleSignOn.Provider("corp", "corp")), security.providers());
    idp.nextSignIn("carol", List.of("stoker-engineers"));
    URI authorization = security.start("corp", CALLBACK);
    assertEquals("S256", OidcTestProvider.query(authorization, "code_challenge_method"));
    URI callback = OidcTestProvider.authorize(authorization);
    assertTrue(callback.toString().startsWith(CALLBACK.toString()), callback.toString());
    String state = OidcTestProvider.query(callback, "state");
    String code = OidcTestProvider.query(callback, "code");

    TokenGrant grant = security.complete("corp", state, code, "10.0.0.9");
    StokerPrincipal carol = security.authenticate(grant.accessToken());
    assertEquals("carol", carol.username());
    assertEquals(Role.ENGINEER, carol.role());
    assertEquals(1, security.find(new AuditQuery("carol", "auth.sso", null, AuditOutcome.SUCCESS, null, null),
        PageRequest.first()).total());

    // a replayed callback, a state of another provider and a made-up state are refused
    assertThrows(AuthenticationException.class, () -> security.complete("corp", state, code, "10.0.0.9"));
    URI other = security.start("corp", CALLBACK);
    String otherState = OidcTestProvider.query(other, "state");
    assertThrows(AuthenticationException.class, () -> security.complete("corp", "made-up", code, "10.0.0.9"));
    assertThrows(NotFoundException.class, () -> security.start("nope", CALLBACK));
    // a state is good for one try even when the code was wrong
    assertThrows(AuthenticationException.class, () -> security.complete("corp", otherState, "bad", "10.0.0.9"));
    assertThrows(AuthenticationException.class, () -> security.complete("corp", otherState, code, "10.0.0.9"));

    // signing out ends the session
    security.logout(carol);
    assertThrows(AuthenticationException.class, () -> security.authenticate(grant.accessToken()));
  }

  @Test
  void withLocalAccountsOffOnlyTheBreakGlassAdminSignsInWithAPassword() {
    security.create("local-eve", Role.ENGINEER, "engineer-password-1".toCharArray(), "admin");
    String eveSession = security.login("local-eve", "engineer-password-1".toCharArray(), "10.0.0.1").accessToken();
    security.apply(SecurityServiceTest.settings(data, Map.of("localAccounts", false)));
    assertThrows(AuthenticationException.class,
        () -> security.login("local-eve", "engineer-password-1".toCharArray(), "10.0.0.1"));
    assertThrows(AuthenticationException.class, () -> security.authenticate(eveSession));
    TokenGrant admin = security.login("admin", "break-glass-password".toCharArray(), "10.0.0.1");
    assertEquals(Role.ADMIN, security.authenticate(admin.accessToken()).role());
    // provider users are not local accounts
    assertEquals(Role.LEAD, security.authenticate(idp.accessToken("lee", List.of("stoker-leads"), 300)).role());
  }

  private TokenGrant signIn(String username, List<String> groups) throws Exception {
    idp.nextSignIn(username, groups);
    URI callback = OidcTestProvider.authorize(security.start("corp", CALLBACK));
    return security.complete("corp", OidcTestProvider.query(callback, "state"),
        OidcTestProvider.query(callback, "code"), "10.0.0.9");
  }
}
