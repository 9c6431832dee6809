package dev.stoker.security.internal;

import dev.stoker.api.store.Transactions;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.security.ApiToken;
import dev.stoker.api.security.ApiTokenService;
import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.ChainVerification;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.ServiceAccount;
import dev.stoker.api.security.ServiceAccountService;
import dev.stoker.api.security.SingleSignOn;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.security.TokenGrant;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import dev.stoker.api.store.Persistence;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, sessions, API tokens ({@link ApiTokens}) and the audit log ({@link JpaAuditLog} with its
 * {@link AuditAnchor}), on the relational store. Comes up once the store is ready (its {@link Persistence}
 * reference is mandatory), so the REST layer answers 503 until then.
 *
 * <p>A configuration change is applied in place ({@link #modified}): session lifetime, password length,
 * token lifetime and login throttling take effect for the next request. The signing key is read at
 * activation only, and the first admin's password source matters only on first start.
 */
@Component(service = {AuthService.class, UserService.class, ApiTokenService.class, AuditLog.class,
    SingleSignOn.class, ServiceAccountService.class}, configurationPid = "dev.stoker.security")
@Designate(ocd = SecurityConfig.class)
public class SecurityService implements AuthService, UserService, ApiTokenService, AuditLog, SingleSignOn,
    ServiceAccountService {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityService.class);
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  static final String BAD_CREDENTIALS = "invalid credentials";
  static final String INITIAL_PASSWORD_FILE = FirstAdmin.INITIAL_PASSWORD_FILE;

  private final EntityManagerFactory emf;
  private final Transactions tx;
  private final JpaAuditLog audit;
  private final PasswordHasher hasher;
  private final SessionTokens sessions;
  private final ApiTokens tokens;
  private final LoginThrottle throttle;
  private final Clock clock;
  private final Path signingKeyFile;
  private final Path dataDir;
  /** The settings in force; replaced as a whole by {@link #modified}, so readers see one consistent set. */
  private volatile Settings settings;
  private final ThrottledLogins throttledLogins = new ThrottledLogins();
  private volatile EventAdmin events;
  private final SsoFlows ssoFlows;
  private final OidcSignIn oidc;
  private final ServiceAccounts serviceAccounts;
  private final LocalUsers users;

  @Activate
  public SecurityService(@Reference Persistence persistence, SecurityConfig config, BundleContext context)
      throws IOException {
    this(persistence, Settings.of(config, etcDir(context)), dataDir(context), Clock.systemUTC(), new PasswordHasher(),
        System.getenv());
  }

  SecurityService(Persistence persistence, Settings settings, Path dataDir, Clock clock, PasswordHasher hasher,
      Map<String, String> env) throws IOException {
    this.clock = clock;
    this.hasher = hasher;
    this.settings = settings;
    // On the first start of an installation (no signing key yet) the first admin's password is hashed while the
    // database opens: Argon2 is a few hundred milliseconds of the boot otherwise.
    Path legacyKey = dataDir.resolve("stoker").resolve("jwt-signing.key");
    CompletableFuture<FirstAdmin.Prepared> firstAdmin =
        Files.exists(settings.signingKeyFile()) || Files.exists(legacyKey) ? null
            : FirstAdmin.prepare(settings, env, hasher);
    this.emf = persistence.createEntityManagerFactory("stoker-security",
        List.of(UserEntity.class, ApiTokenEntity.class, AuditEntity.class));
    this.tx = new Transactions(emf);
    this.dataDir = dataDir;
    this.signingKeyFile = settings.signingKeyFile();
    byte[] key = SessionTokens.loadOrCreateKey(signingKeyFile, legacyKey);
    this.sessions = new SessionTokens(key, clock);
    this.tokens = new ApiTokens(tx, clock);
    this.audit = new JpaAuditLog(tx, clock, new AuditAnchor(dataDir.resolve("stoker").resolve("audit-anchor"), key));
    this.throttle = new LoginThrottle(clock, settings.loginFreeAttempts(), Duration.ofSeconds(1),
        settings.loginMaxDelay());
    this.ssoFlows = new SsoFlows(clock);
    this.oidc = new OidcSignIn(ssoFlows, new OidcUsers(tx, clock, USERNAME), sessions, clock, this::append,
        () -> this.settings.sessionLifetime());
    this.serviceAccounts = new ServiceAccounts(tx, tokens, clock, USERNAME, () -> this.settings.maxTokenLifetime());
    this.users = new LocalUsers(tx, hasher, clock, USERNAME, () -> this.settings.minPasswordLength(), dataDir);
    createFirstAdmin(settings, dataDir, env, firstAdmin);
  }

  /**
   * {@link SecurityConfig} resolved against Karaf's folders.
   *
   * @param maxTokenLifetime longest API token lifetime, or {@code null} for no maximum
   * @param signingKeyFile the session signing key
   */
  record Settings(Duration sessionLifetime, String adminPasswordEnv, String adminPasswordFile, int minPasswordLength,
      int loginFreeAttempts, Duration loginMaxDelay, Duration maxTokenLifetime, Path signingKeyFile,
      boolean localAccounts, Set<String> breakGlassUsers) {

    static Settings of(SecurityConfig c, Path etcDir) {
      return new Settings(Duration.ofMinutes(c.sessionMinutes()), c.adminPasswordEnv(), c.adminPasswordFile(),
          c.minPasswordLength(), c.loginFreeAttempts(), Duration.ofSeconds(c.loginMaxDelaySeconds()),
          c.maxTokenDays() > 0 ? Duration.ofDays(c.maxTokenDays()) : null,
          c.signingKeyFile().isBlank() ? etcDir.resolve("keys").resolve("jwt-signing.key") : Path.of(c.signingKeyFile()),
          c.localAccounts(), Set.copyOf(OidcSettings.list(c.breakGlassUsers())));
    }

    /** @return whether a local account (one with a password) may sign in and use its sessions */
    boolean localAllowed(String username) {
      return localAccounts || breakGlassUsers.contains(username);
    }
  }

  private static Path etcDir(BundleContext context) {
    String etc = context.getProperty("karaf.etc");
    return Path.of(etc == null ? "etc" : etc);
  }

  private static Path dataDir(BundleContext context) {
    String data = context.getProperty("karaf.data");
    return Path.of(data == null ? "data" : data);
  }

  @Modified
  void modified(SecurityConfig config, BundleContext context) {
    apply(Settings.of(config, etcDir(context)));
  }

  /** Takes the limits of {@code next} into use; the signing key stays the one read at activation. */
  void apply(Settings next) {
    throttle.limits(next.loginFreeAttempts(), next.loginMaxDelay());
    settings = next;
    if (!next.signingKeyFile().equals(signingKeyFile)) {
      LOG.warn("signingKeyFile {} is used once the security bundle restarts; sessions are still signed with {}",
          next.signingKeyFile(), signingKeyFile);
    }
    LOG.info("Security settings applied: sessions {} min, passwords of {}+ characters, {} free login attempts",
        next.sessionLifetime().toMinutes(), next.minPasswordLength(), next.loginFreeAttempts());
  }

  @Deactivate
  void deactivate() {
    emf.close();
  }

  /** @param prepared the password and its hash made ahead on a first start, else {@code null} */
  private void createFirstAdmin(Settings settings, Path dataDir, Map<String, String> env,
      CompletableFuture<FirstAdmin.Prepared> prepared) throws IOException {
    long count = tx.read(em -> em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult());
    if (count > 0) {
      return;
    }
    FirstAdmin.Prepared admin = prepared != null ? FirstAdmin.await(prepared)
        : FirstAdmin.prepare(settings, env, hasher).join();
    users.validatePassword(admin.password().value());
    FirstAdmin.write(admin.password(), dataDir);
    users.createHashed("admin", Role.ADMIN, admin.hash(), "system");
    if (admin.password().generated()) {
      tx.write(em -> em.find(UserEntity.class, "admin").mustChangePassword = true);
    }
    append(new AuditRecord("system", "user.create", "admin", "", AuditOutcome.SUCCESS, "first start"));
  }

  // ---- AuthService

  @Override
  public TokenGrant login(String username, char[] password, String source) {
    String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    String userKey = "u:" + name;
    String sourceKey = "a:" + (source == null ? "" : source);
    if (!throttle.allowed(userKey, sourceKey)) {
      // refused before the database: a flood of attempts leaves a sample in the audit log, not a row each
      long attempts = throttledLogins.count(sourceKey);
      if (ThrottledLogins.sampled(attempts)) {
        append(new AuditRecord(name, "auth.login", name, source, AuditOutcome.DENIED,
            "throttled (" + attempts + " throttled attempt(s) from this address so far)"));
      }
      throw new AuthenticationException(BAD_CREDENTIALS);
    }
    Optional<UserEntity> user = tx.read(em -> Optional.ofNullable(em.find(UserEntity.class, name)));
    boolean ok;
    if (user.isPresent()) {
      ok = hasher.verify(password, user.get().passwordHash) && !user.get().disabled
          && settings.localAllowed(name);
    } else {
      hasher.verifyDummy(password);
      ok = false;
    }
    if (!ok) {
      throttle.failed(userKey, sourceKey);
      append(new AuditRecord(name, "auth.login", name, source, AuditOutcome.DENIED, BAD_CREDENTIALS));
      throw new AuthenticationException(BAD_CREDENTIALS);
    }
    throttle.succeeded(userKey);
    throttle.succeeded(sourceKey);
    throttledLogins.reset(sourceKey);
    append(new AuditRecord(name, "auth.login", name, source, AuditOutcome.SUCCESS, ""));
    Duration lifetime = settings.sessionLifetime();
    return new TokenGrant(sessions.issue(name, user.get().tokenVersion, lifetime), "Bearer", lifetime.toSeconds(),
        user.get().mustChangePassword);
  }

  @Override
  public StokerPrincipal authenticate(String bearer) {
    if (bearer == null || bearer.isBlank()) {
      throw new AuthenticationException(BAD_CREDENTIALS);
    }
    if (bearer.startsWith(ApiTokens.PREFIX)) {
      return tokens.authenticate(bearer, BAD_CREDENTIALS);
    }
    Optional<OidcProvider> provider = oidc.issuerOf(bearer);
    if (provider.isPresent()) {
      return oidc.authenticate(provider.get(), bearer);
    }
    SessionTokens.Session session = sessions.verify(bearer)
        .orElseThrow(() -> new AuthenticationException(BAD_CREDENTIALS));
    UserEntity user = tx.read(em -> em.find(UserEntity.class, session.username()));
    if (user == null || user.disabled || user.tokenVersion != session.version()
        || (user.provider == null && !settings.localAllowed(user.username))) {
      throw new AuthenticationException(BAD_CREDENTIALS); // deleted, disabled, signed out, or the password changed
    }
    return new StokerPrincipal(user.username, user.role(), Set.of(), null);
  }

  @Override
  public void logout(StokerPrincipal principal) {
    tx.write(em -> {
      UserEntity user = em.find(UserEntity.class, principal.username());
      if (user != null) {
        user.tokenVersion++;
      }
      return null;
    });
    append(new AuditRecord(principal.username(), "auth.logout", principal.username(), "", AuditOutcome.SUCCESS, ""));
  }

  // ---- SingleSignOn

  @Override
  public List<Provider> providers() {
    return ssoFlows.list();
  }

  @Override
  public URI start(String provider, URI redirectUri) {
    return oidc.start(provider, redirectUri);
  }

  @Override
  public TokenGrant complete(String provider, String state, String code, String source) {
    return oidc.complete(provider, state, code, source);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addProvider(OidcProvider provider) {
    ssoFlows.add(provider);
  }

  void removeProvider(OidcProvider provider) {
    ssoFlows.remove(provider);
  }

  // ---- UserService

  @Override
  public User create(String username, Role role, char[] password, String actor) {
    return users.create(username, role, password, actor);
  }

  @Override
  public Optional<User> find(String username) {
    return users.find(username);
  }

  @Override
  public Page<User> list(PageRequest page) {
    return users.list(page);
  }

  @Override
  public User update(String username, Role role, char[] password, String actor) {
    return users.update(username, role, password, actor);
  }

  @Override
  public User setDisabled(String username, boolean disabled, String actor) {
    return users.setDisabled(username, disabled, actor);
  }

  @Override
  public boolean delete(String username, String actor) {
    return users.delete(username, actor);
  }

  // ---- ApiTokenService

  @Override
  public IssuedToken issue(String owner, String name, Set<String> scopes, Duration lifetime, String parent) {
    return tokens.issue(owner, name, scopes, lifetime, parent, settings.maxTokenLifetime());
  }

  @Override
  public List<ApiToken> list(String owner) {
    return tokens.list(owner);
  }

  @Override
  public boolean revoke(String id, String actor) {
    return tokens.revoke(id);
  }

  // ---- ServiceAccountService

  @Override
  public ServiceAccount create(String name, Role role, StokerPrincipal actor) {
    return serviceAccounts.create(name, role, actor);
  }

  @Override
  public List<ServiceAccount> list(StokerPrincipal caller) {
    return serviceAccounts.list(caller);
  }

  @Override
  public boolean delete(String name, StokerPrincipal actor) {
    return serviceAccounts.delete(name, actor);
  }

  @Override
  public IssuedToken issueToken(String name, String tokenName, Set<String> scopes, Duration lifetime,
      StokerPrincipal actor) {
    return serviceAccounts.issueToken(name, tokenName, scopes, lifetime, actor);
  }

  @Override
  public List<ApiToken> tokens(String name, StokerPrincipal caller) {
    return serviceAccounts.tokens(name, caller);
  }

  @Override
  public boolean revokeToken(String name, String tokenId, StokerPrincipal actor) {
    return serviceAccounts.revokeToken(name, tokenId, actor);
  }

  // ---- AuditLog

  @Override
  public AuditEntry append(AuditRecord record) {
    AuditEntry entry = audit.append(record);
    publish(entry);
    return entry;
  }

  /** Fans the entry out as an event (integrations route it onwards); never blocks the caller. */
  private void publish(AuditEntry entry) {
    EventAdmin admin = events;
    if (admin == null) {
      return;
    }
    Map<String, Object> props = new java.util.HashMap<>();
    props.put("seq", entry.seq());
    props.put("time", entry.time().toString());
    props.put("actor", entry.record().actor());
    props.put("action", entry.record().action());
    props.put("target", entry.record().target());
    props.put("outcome", entry.record().outcome().name());
    admin.postEvent(new Event(EventTopics.AUDIT, props));
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setEvents(EventAdmin admin) {
    events = admin;
  }

  void unsetEvents(EventAdmin admin) {
    if (events == admin) {
      events = null;
    }
  }

  @Override
  public Page<AuditEntry> find(AuditQuery query, PageRequest page) {
    return audit.find(query, page);
  }

  @Override
  public ChainVerification verify() {
    return audit.verify();
  }
}
