package dev.stoker.secrets.internal;

import dev.stoker.api.common.NotFoundException;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.common.ConflictException;

import dev.stoker.api.store.Transactions;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretStore;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretIntegrityException;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.SecretWrite;
import dev.stoker.api.store.Persistence;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * The built-in secret store: values encrypted with envelope encryption ({@link Envelope}) under a master
 * key kept outside the database ({@link MasterKeys}), versions, rollback, rotation (by hand and on a
 * schedule), leases as files ({@link Leases}), env-file templates, the expiry watch, and an audit entry
 * for every read, reveal, write, rollback and rotation.
 *
 * <p>Comes up once the store and the audit log are there. A missing or wrong master key fails activation
 * with a message that names the problem (shown by health {@code secrets}); nothing is written then.
 */
@Component(service = {SecretService.class, SecretStore.class}, configurationPid = "dev.stoker.secrets")
@Designate(ocd = SecretsConfig.class)
public class SecretServiceImpl implements SecretService {
  private static final Logger LOG = LoggerFactory.getLogger(SecretServiceImpl.class);
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final int MAX_LEASE_PATHS = 100;
  private static final int MAX_TEMPLATE_CHARS = 65536;
  private static final int REWRAP_BATCH = 100;
  private static final int VALUE_LIMIT_CAP = 512 * 1024;
  private static final String SYSTEM = "system";

  private final EntityManagerFactory emf;
  private final Transactions tx;
  private final AuditLog audit;
  private final Settings settings;
  private final Clock clock;
  private final Envelope envelope = new Envelope();
  private final MasterKeys keys;
  private final Leases leases;
  private final PasswordGenerator generator;
  private final Object rotationLock = new Object();
  private final ScheduledExecutorService scheduler;
  private volatile EventAdmin events;

  /** Settings in plain form, so that tests need no annotation proxy. */
  record Settings(Path masterKeyFile, String masterKeyEnv, Path leaseDirectory, int maxValueBytes, Duration maxLease,
      Duration expiryWindow, Duration checkInterval, Duration leaseSweep, int generatorLength, String generatorAlphabet) {
    static Settings of(SecretsConfig c, Path dataDir) {
      Path stoker = dataDir.resolve("stoker");
      return new Settings(c.masterKeyFile().isBlank() ? stoker.resolve("master.key") : Path.of(c.masterKeyFile()),
          c.masterKeyEnv(), c.leaseDirectory().isBlank() ? stoker.resolve("leases") : Path.of(c.leaseDirectory()),
          c.maxValueBytes(), Duration.ofMinutes(c.maxLeaseMinutes()), Duration.ofDays(c.expiryWarningDays()),
          Duration.ofMinutes(c.checkIntervalMinutes()), Duration.ofSeconds(c.leaseSweepSeconds()),
          c.generatorLength(), c.generatorAlphabet());
    }

    /** The defaults, under a data directory. */
    static Settings defaults(Path dataDir) {
      Path stoker = dataDir.resolve("stoker");
      return new Settings(stoker.resolve("master.key"), "STOKER_MASTER_KEY", stoker.resolve("leases"), 65536,
          Duration.ofDays(1), Duration.ofDays(30), Duration.ofHours(1), Duration.ofSeconds(30), 32,
          PasswordGenerator.DEFAULT_ALPHABET);
    }
  }

  @Activate
  public SecretServiceImpl(@Reference Persistence persistence, @Reference AuditLog audit, SecretsConfig config,
      BundleContext context) throws IOException {
    this(persistence, audit, Settings.of(config, dataDir(context)), Clock.systemUTC(), System.getenv(), true);
  }

  SecretServiceImpl(Persistence persistence, AuditLog audit, Settings settings, Clock clock, Map<String, String> env,
      boolean schedule) throws IOException {
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    try {
      if (settings.maxValueBytes() < 1 || settings.maxValueBytes() > VALUE_LIMIT_CAP) {
        throw new InvalidInputException("maxValueBytes: must be between 1 and " + VALUE_LIMIT_CAP);
      }
      this.generator = new PasswordGenerator(settings.generatorLength(), settings.generatorAlphabet());
    } catch (IllegalArgumentException e) {
      StartupState.failed("configuration dev.stoker.secrets: " + e.getMessage());
      throw e;
    }
    this.emf = persistence.createEntityManagerFactory("stoker-secrets",
        List.of(SecretEntity.class, SecretVersionEntity.class));
    this.tx = new Transactions(emf);
    try {
      Set<String> inUse = new HashSet<>(tx.read(em -> em.createQuery(
          "SELECT DISTINCT v.keyId FROM SecretVersionEntity v", String.class).getResultList()));
      this.keys = MasterKeys.load(settings.masterKeyFile(), settings.masterKeyEnv(), env, inUse);
      rewrapRetired();
      this.leases = new Leases(settings.leaseDirectory(), clock);
      leases.recover();
    } catch (IOException | RuntimeException e) {
      emf.close();
      String why = e instanceof MasterKeyException ? e.getMessage() : "cannot start: " + e;
      StartupState.failed(why);
      LOG.error("Secret store not started: {}", why);
      throw e;
    }
    StartupState.started();
    if (schedule) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stoker-secrets");
        t.setDaemon(true);
        return t;
      });
      long sweep = Math.max(1, settings.leaseSweep().toSeconds());
      scheduler.scheduleWithFixedDelay(this::sweepQuietly, sweep, sweep, TimeUnit.SECONDS);
      long check = Math.max(1, settings.checkInterval().toMinutes());
      scheduler.scheduleWithFixedDelay(this::maintenanceQuietly, 1, check, TimeUnit.MINUTES);
    } else {
      scheduler = null;
    }
    LOG.info("Secret store started with master key {} from {}", keys.current().id(), keys.source());
  }

  private static Path dataDir(BundleContext context) {
    String data = context.getProperty("karaf.data");
    return Path.of(data == null ? "data" : data);
  }

  @Deactivate
  void deactivate() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    emf.close();
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

  // ---- writes

  @Override
  public SecretMetadata write(String path, SecretScope scope, SecretType type, byte[] value, String actor) {
    return write(SecretWrite.of(path, scope, type, value), actor);
  }

  @Override
  public SecretMetadata write(SecretWrite write, String actor) {
    String target = targetOf(write.scope(), write.path());
    Values.Parsed parsed = null;
    try {
      SecretScope scope = Scopes.check(write.scope());
      String path = Scopes.checkPath(write.path());
      if (write.type() == null) {
        throw new InvalidInputException("type: required");
      }
      byte[] value = write.value();
      if (value == null || value.length == 0) {
        throw new InvalidInputException("value: required");
      }
      if (value.length > settings.maxValueBytes()) {
        throw new InvalidInputException("value: larger than the limit of " + settings.maxValueBytes() + " bytes");
      }
      checkRotationDays(write.type(), write.rotationDays());
      parsed = Values.parse(write.type(), value, write.importPassword(), write.expires());
      SecretMetadata m = store(scope, path, write.type(), parsed, "written", actor, write.rotationDays(), Map.of());
      audit(actor, "secret.write", target, AuditOutcome.SUCCESS, "version " + m.version());
      publish("written", m, actor, Map.of());
      return m;
    } catch (RuntimeException e) {
      auditFailure(actor, "secret.write", target, e);
      throw e;
    } finally {
      if (parsed != null) {
        Arrays.fill(parsed.value(), (byte) 0);
      }
      write.wipe();
    }
  }

  private static void checkRotationDays(SecretType type, Integer days) {
    if (days == null || days == 0) {
      return;
    }
    if (days < 0 || days > 3650) {
      throw new InvalidInputException("rotationDays: must be between 0 (off) and 3650");
    }
    if (!generated(type)) {
      throw new InvalidInputException("rotationDays: only password and API token secrets rotate on a schedule");
    }
  }

  private static boolean generated(SecretType type) {
    return type == SecretType.PASSWORD || type == SecretType.API_TOKEN;
  }

  /** Encrypts and stores a new version; retries once when two nodes create the same secret at once. */
  private SecretMetadata store(SecretScope scope, String path, SecretType type, Values.Parsed parsed, String change,
      String actor, Integer rotationDays, Map<String, String> extra) {
    String ref = Scopes.reference(scope, path);
    Map<String, String> attributes = new LinkedHashMap<>(parsed.attributes());
    attributes.putAll(extra);
    PersistenceException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return tx.write(em -> {
          long now = clock.millis();
          SecretEntity s = find(em, scope, path, true);
          if (s == null) {
            s = new SecretEntity();
            s.id = newId();
            s.scopeLevel = scope.level().name();
            s.scopeId = scope.id();
            s.path = path;
            s.type = type.name();
            s.createdAt = now;
            s.createdBy = actor;
            em.persist(s);
          } else if (!s.type.equals(type.name())) {
            throw new ConflictException("type: secret '" + ref + "' is a " + Scopes.typeId(s.secretType())
                + " secret; delete it before storing a " + Scopes.typeId(type));
          }
          if (rotationDays != null) {
            s.rotationDays = rotationDays == 0 ? null : rotationDays;
          }
          int version = s.latestVersion + 1;
          Envelope.Sealed sealed = envelope.seal(parsed.value(), keys.current(), Envelope.aad(ref, version));
          SecretVersionEntity v = new SecretVersionEntity();
          v.id = newId();
          v.secretId = s.id;
          v.version = version;
          v.kind = change;
          v.createdAt = now;
          v.createdBy = actor;
          v.expiresAt = parsed.expires() == null ? null : parsed.expires().toEpochMilli();
          v.attributes = Values.attributesToJson(attributes);
          v.keyId = sealed.keyId();
          v.wrappedKey = sealed.wrappedKey();
          v.iv = sealed.iv();
          v.ciphertext = sealed.ciphertext();
          em.persist(v);
          s.latestVersion = version;
          s.updatedAt = now;
          return metadata(s, v);
        });
      } catch (PersistenceException e) {
        last = e;
      }
    }
    throw new ConflictException("path: secret '" + ref + "' is being written concurrently; try again", last);
  }

  @Override
  public SecretMetadata rollback(SecretScope scope, String path, int version, String actor) {
    String target = targetOf(scope, path);
    byte[] value = null;
    try {
      Located old = locate(Scopes.check(scope), Scopes.checkPath(path), requireVersion(version));
      value = decrypt(old);
      Map<String, String> attributes = new LinkedHashMap<>(Values.attributesFromJson(old.version.attributes));
      attributes.remove("change");
      attributes.remove("rotationDays");
      attributes.put("rolledBackFrom", Integer.toString(old.version.version));
      Instant expires = old.version.expiresAt == null ? null : Instant.ofEpochMilli(old.version.expiresAt);
      SecretMetadata m = store(old.secret.scope(), old.secret.path, old.secret.secretType(),
          new Values.Parsed(value, expires, Map.of()), "rolled-back", actor, null, attributes);
      audit(actor, "secret.rollback", target, AuditOutcome.SUCCESS,
          "version " + m.version() + " = version " + old.version.version);
      publish("rolled-back", m, actor, Map.of("from", Integer.toString(old.version.version)));
      return m;
    } catch (RuntimeException e) {
      auditFailure(actor, "secret.rollback", target, e);
      throw e;
    } finally {
      wipe(value);
    }
  }

  private static int requireVersion(int version) {
    if (version < 1) {
      throw new InvalidInputException("version: must be 1 or more");
    }
    return version;
  }

  @Override
  public SecretMetadata rotate(SecretScope scope, String path, String actor) {
    String target = targetOf(scope, path);
    byte[] value = null;
    try {
      Located current = locate(Scopes.check(scope), Scopes.checkPath(path), 0);
      SecretType type = current.secret.secretType();
      if (!generated(type)) {
        throw new ConflictException("type: a " + Scopes.typeId(type)
            + " secret cannot be generated; rotate it by writing a new value");
      }
      value = generator.generate();
      SecretMetadata m = store(current.secret.scope(), current.secret.path, type,
          new Values.Parsed(value, null, Map.of()), "rotated", actor, null, Map.of());
      audit(actor, "secret.rotate", target, AuditOutcome.SUCCESS, "version " + m.version() + " generated");
      publish("rotated", m, actor, Map.of());
      return m;
    } catch (RuntimeException e) {
      auditFailure(actor, "secret.rotate", target, e);
      throw e;
    } finally {
      wipe(value);
    }
  }

  @Override
  public SecretMetadata schedule(SecretScope scope, String path, int rotationDays, String actor) {
    String target = targetOf(scope, path);
    try {
      SecretScope sc = Scopes.check(scope);
      String p = Scopes.checkPath(path);
      SecretMetadata m = tx.write(em -> {
        SecretEntity s = find(em, sc, p, true);
        if (s == null) {
          throw notFound(sc, p);
        }
        checkRotationDays(s.secretType(), rotationDays);
        s.rotationDays = rotationDays == 0 ? null : rotationDays;
        return metadata(s, version(em, s, 0));
      });
      audit(actor, "secret.schedule", target, AuditOutcome.SUCCESS,
          rotationDays == 0 ? "scheduled rotation off" : "rotate every " + rotationDays + " days");
      return m;
    } catch (RuntimeException e) {
      auditFailure(actor, "secret.schedule", target, e);
      throw e;
    }
  }

  @Override
  public boolean delete(SecretScope scope, String path, String actor) {
    String target = targetOf(scope, path);
    try {
      SecretScope sc = Scopes.check(scope);
      String p = Scopes.checkPath(path);
      SecretMetadata gone = tx.write(em -> {
        SecretEntity s = find(em, sc, p, true);
        if (s == null) {
          return null;
        }
        SecretMetadata m = metadata(s, version(em, s, 0));
        em.createQuery("DELETE FROM SecretVersionEntity v WHERE v.secretId = :id").setParameter("id", s.id)
            .executeUpdate();
        em.remove(s);
        return m;
      });
      if (gone == null) {
        return false;
      }
      audit(actor, "secret.delete", target, AuditOutcome.SUCCESS, gone.version() + " version(s) deleted");
      publish("deleted", gone, actor, Map.of());
      return true;
    } catch (RuntimeException e) {
      auditFailure(actor, "secret.delete", target, e);
      throw e;
    }
  }

  // ---- metadata

  @Override
  public Optional<SecretMetadata> metadata(SecretScope scope, String path, int version) {
    SecretScope sc = Scopes.check(scope);
    String p = Scopes.checkPath(path);
    if (version < 0) {
      throw new InvalidInputException("version: must be 0 (latest) or more");
    }
    return tx.read(em -> {
      SecretEntity s = find(em, sc, p, false);
      if (s == null) {
        return Optional.empty();
      }
      SecretVersionEntity v = version(em, s, version);
      return v == null ? Optional.empty() : Optional.of(metadata(s, v));
    });
  }

  @Override
  public Optional<SecretMetadata> metadata(String path, int version) {
    Ref ref = Ref.parse(path);
    return metadata(ref.scope(), ref.path(), version);
  }

  @Override
  public List<SecretMetadata> versions(SecretScope scope, String path) {
    SecretScope sc = Scopes.check(scope);
    String p = Scopes.checkPath(path);
    return tx.read(em -> {
      SecretEntity s = find(em, sc, p, false);
      if (s == null) {
        return List.of();
      }
      return em.createQuery("SELECT v FROM SecretVersionEntity v WHERE v.secretId = :id ORDER BY v.version DESC",
          SecretVersionEntity.class).setParameter("id", s.id).getResultList().stream().map(v -> metadata(s, v))
          .toList();
    });
  }

  @Override
  public Page<SecretMetadata> list(SecretScope scope, PageRequest page) {
    SecretScope sc = Scopes.check(scope);
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(s) FROM SecretEntity s WHERE s.scopeLevel = :l AND s.scopeId = :i",
          Long.class).setParameter("l", sc.level().name()).setParameter("i", sc.id()).getSingleResult();
      List<Object[]> rows = em.createQuery("SELECT s, v FROM SecretEntity s, SecretVersionEntity v "
          + "WHERE v.secretId = s.id AND v.version = s.latestVersion AND s.scopeLevel = :l AND s.scopeId = :i "
          + "ORDER BY s.path", Object[].class).setParameter("l", sc.level().name()).setParameter("i", sc.id())
          .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
      List<SecretMetadata> items = rows.stream()
          .map(r -> metadata((SecretEntity) r[0], (SecretVersionEntity) r[1])).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  @Override
  public List<SecretMetadata> list(SecretScope scope) {
    List<SecretMetadata> all = new ArrayList<>();
    Page<SecretMetadata> page;
    int offset = 0;
    do {
      page = list(scope, new PageRequest(offset, PageRequest.MAX_LIMIT));
      all.addAll(page.items());
      offset += page.items().size();
    } while (page.hasMore() && !page.items().isEmpty());
    return all;
  }

  @Override
  public Optional<SecretMetadata> resolve(ScopeChain chain, String path) {
    String p = Scopes.checkPath(path);
    return tx.read(em -> {
      SecretEntity s = resolve(em, chain, p);
      return s == null ? Optional.empty() : Optional.of(metadata(s, version(em, s, 0)));
    });
  }

  // ---- values

  @Override
  public byte[] reveal(SecretScope scope, String path, int version, String actor) {
    return readValue(scope, path, version, actor, "secret.reveal");
  }

  @Override
  public byte[] read(String path, int version) {
    Ref ref = Ref.parse(path);
    return readValue(ref.scope(), ref.path(), version, SYSTEM, "secret.read");
  }

  private byte[] readValue(SecretScope scope, String path, int version, String actor, String action) {
    String target = targetOf(scope, path);
    byte[] value = null;
    try {
      if (version < 0) {
        throw new InvalidInputException("version: must be 0 (latest) or more");
      }
      Located located = locate(Scopes.check(scope), Scopes.checkPath(path), version);
      value = decrypt(located);
      audit(actor, action, target, AuditOutcome.SUCCESS, "version " + located.version.version);
      byte[] out = value;
      value = null;
      return out;
    } catch (RuntimeException e) {
      auditFailure(actor, action, target, e);
      throw e;
    } finally {
      wipe(value);
    }
  }

  @Override
  public SecretLease lease(ScopeChain chain, Collection<String> paths, Duration ttl, String actor) {
    Instant expires = expiry(ttl);
    if (paths == null || paths.isEmpty()) {
      throw new InvalidInputException("paths: at least one secret path is required");
    }
    if (paths.size() > MAX_LEASE_PATHS) {
      throw new InvalidInputException("paths: at most " + MAX_LEASE_PATHS + " per lease");
    }
    String id = leases.newId();
    List<Leases.Entry> entries = new ArrayList<>();
    List<Resolved> reads = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try {
      for (String requested : new LinkedHashSet<>(paths)) {
        Resolved r = resolveValue(chain, requested, "paths");
        if (r == null) {
          throw new InvalidInputException("paths: unknown secret '" + requested + "'");
        }
        reads.add(r);
        entries.add(new Leases.Entry(requested, fileName(requested, names), r.value()));
      }
      for (Resolved r : reads) {
        audit(actor, "secret.read", r.reference(), AuditOutcome.SUCCESS, "version " + r.version() + " into lease " + id);
      }
      SecretLease lease = leases.create(id, expires, entries);
      LOG.debug("Lease {} granted for {} secret(s) until {}", id, entries.size(), expires);
      return lease;
    } catch (IOException e) {
      throw new ConflictException("lease: cannot write the lease files: " + e.getMessage(), e);
    } finally {
      reads.forEach(r -> wipe(r.value()));
    }
  }

  @Override
  public SecretLease render(ScopeChain chain, String template, String fileName, Duration ttl, String actor) {
    Instant expires = expiry(ttl);
    if (template == null || template.isEmpty()) {
      throw new InvalidInputException("template: required");
    }
    if (template.length() > MAX_TEMPLATE_CHARS) {
      throw new InvalidInputException("template: longer than " + MAX_TEMPLATE_CHARS + " characters");
    }
    if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
      throw new InvalidInputException("fileName: 1-100 letters, digits, '.', '_' or '-', not starting with '.'");
    }
    String id = leases.newId();
    List<Resolved> reads = new ArrayList<>();
    Map<String, Resolved> cache = new HashMap<>();
    byte[] rendered = null;
    try {
      rendered = EnvTemplate.render(template, ref -> {
        Resolved r = cache.computeIfAbsent(ref, k -> resolveValue(chain, k, "template"));
        if (r == null) {
          cache.remove(ref);
          return null;
        }
        if (!reads.contains(r)) {
          reads.add(r);
        }
        return r.value().clone();
      });
      for (Resolved r : reads) {
        audit(actor, "secret.read", r.reference(), AuditOutcome.SUCCESS, "version " + r.version()
            + " rendered into lease " + id);
      }
      return leases.create(id, expires, List.of(new Leases.Entry(fileName, fileName, rendered)));
    } catch (IOException e) {
      throw new ConflictException("lease: cannot write the lease file: " + e.getMessage(), e);
    } finally {
      wipe(rendered);
      reads.forEach(r -> wipe(r.value()));
    }
  }

  @Override
  public boolean release(String leaseId, String actor) {
    boolean existed = leases.release(leaseId);
    if (existed) {
      audit(actor, "secret.lease.release", "lease:" + leaseId, AuditOutcome.SUCCESS, "files removed");
    }
    return existed;
  }

  @Override
  public List<SecretLease> leases() {
    return leases.list();
  }

  private Instant expiry(Duration ttl) {
    if (ttl == null) {
      throw new InvalidInputException("ttl: required");
    }
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(settings.maxLease()) > 0) {
      throw new InvalidInputException("ttl: must be between 1 second and " + settings.maxLease().toMinutes()
          + " minutes");
    }
    return clock.instant().plus(ttl);
  }

  private static String fileName(String requested, Set<String> taken) {
    String base = requested.replace('/', '_').replace('#', '.');
    if (base.startsWith(".")) {
      base = "_" + base;
    }
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  /** A value read for a lease or a template. */
  private record Resolved(String reference, int version, byte[] value) {
    @Override
    public String toString() {
      return "Resolved[" + reference + " v" + version + "]";
    }
  }

  /**
   * Resolves {@code path} or {@code path#field} through the chain and decrypts it.
   *
   * @return null when no scope of the chain has the path
   */
  private Resolved resolveValue(ScopeChain chain, String requested, String field) {
    if (requested == null) {
      throw new InvalidInputException(field + ": a secret path is required");
    }
    int hash = requested.indexOf('#');
    String path = hash < 0 ? requested : requested.substring(0, hash);
    String key = hash < 0 ? null : requested.substring(hash + 1);
    if (!Scopes.PATH.matcher(path).matches() || path.length() > Scopes.PATH_MAX) {
      throw new InvalidInputException(field + ": '" + clip(requested) + "' is not a secret path");
    }
    Located located = tx.read(em -> {
      SecretEntity s = resolve(em, chain, path);
      return s == null ? null : new Located(s, version(em, s, 0));
    });
    if (located == null) {
      return null;
    }
    String ref = Scopes.reference(located.secret.scope(), path);
    byte[] value = decrypt(located);
    if (key == null) {
      return new Resolved(ref, located.version.version, value);
    }
    try {
      if (located.secret.secretType() != SecretType.KEY_VALUE) {
        throw new InvalidInputException(field + ": '" + requested + "' selects a field, but secret '" + ref
            + "' is not a key/value secret");
      }
      String selected = Values.keyValues(value).get(key);
      if (selected == null) {
        throw new InvalidInputException(field + ": secret '" + ref + "' has no field '" + clip(key) + "'");
      }
      return new Resolved(ref + "#" + key, located.version.version, selected.getBytes(StandardCharsets.UTF_8));
    } finally {
      wipe(value);
    }
  }

  // ---- master key

  @Override
  public String rotateMasterKey(String actor) {
    synchronized (rotationLock) {
      String old = keys.current().id();
      try {
        MasterKeys.Key next = keys.rotate();
        int rewrapped = rewrapRetired();
        audit(actor, "secret.master-key.rotate", "master-key", AuditOutcome.SUCCESS,
            "from " + old + " to " + next.id() + ", " + rewrapped + " data key(s) re-wrapped");
        return next.id();
      } catch (IOException e) {
        auditFailure(actor, "secret.master-key.rotate", "master-key", e);
        throw new ConflictException("masterKey: cannot write the new key file: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        auditFailure(actor, "secret.master-key.rotate", "master-key", e);
        throw e;
      }
    }
  }

  @Override
  public String masterKeyId() {
    return keys.current().id();
  }

  /** Re-wraps every data key still under a retired key, then drops those keys. @return how many */
  private int rewrapRetired() throws IOException {
    int total = 0;
    for (String retired : keys.retiredIds()) {
      MasterKeys.Key from = keys.byId(retired);
      int n;
      do {
        n = tx.write(em -> {
          MasterKeys.Key to = keys.current();
          List<Object[]> rows = em.createQuery("SELECT v, s FROM SecretVersionEntity v, SecretEntity s "
              + "WHERE v.secretId = s.id AND v.keyId = :k", Object[].class).setParameter("k", retired)
              .setMaxResults(REWRAP_BATCH).getResultList();
          for (Object[] r : rows) {
            SecretVersionEntity v = (SecretVersionEntity) r[0];
            SecretEntity s = (SecretEntity) r[1];
            String ref = Scopes.reference(s.scope(), s.path);
            v.wrappedKey = envelope.rewrap(v.wrappedKey, from, to, Envelope.aad(ref, v.version),
                ref + " version " + v.version);
            v.keyId = to.id();
          }
          return rows.size();
        });
        total += n;
      } while (n > 0);
      keys.forget(retired);
    }
    if (total > 0) {
      LOG.info("Re-wrapped {} data key(s) under master key {}", total, keys.current().id());
    }
    return total;
  }

  // ---- scheduled work

  private void sweepQuietly() {
    try {
      sweepLeases();
    } catch (RuntimeException e) {
      LOG.warn("Lease sweep failed: {}", e.toString());
    }
  }

  private void maintenanceQuietly() {
    try {
      rotateDue();
      checkExpiry();
    } catch (RuntimeException e) {
      LOG.warn("Secret maintenance failed: {}", e.toString());
    }
  }

  /** Removes expired leases. @return how many */
  int sweepLeases() {
    return leases.sweep();
  }

  /** Rotates secrets whose schedule is due. @return how many were rotated */
  int rotateDue() {
    long now = clock.millis();
    List<SecretEntity> scheduled = tx.read(em -> em.createQuery(
        "SELECT s FROM SecretEntity s WHERE s.rotationDays IS NOT NULL", SecretEntity.class).getResultList());
    int rotated = 0;
    for (SecretEntity s : scheduled) {
      if (s.updatedAt + Duration.ofDays(s.rotationDays).toMillis() <= now) {
        try {
          rotate(s.scope(), s.path, SYSTEM);
          rotated++;
        } catch (RuntimeException e) {
          LOG.warn("Scheduled rotation of {} failed: {}", Scopes.reference(s.scope(), s.path), e.getMessage());
        }
      }
    }
    return rotated;
  }

  /**
   * Raises an {@code expiring} event for each latest version that expires within the window, once per
   * version. @return how many events were raised
   */
  int checkExpiry() {
    long now = clock.millis();
    long limit = now + settings.expiryWindow().toMillis();
    List<SecretMetadata> expiring = tx.write(em -> {
      List<Object[]> rows = em.createQuery("SELECT s, v FROM SecretEntity s, SecretVersionEntity v "
          + "WHERE v.secretId = s.id AND v.version = s.latestVersion AND v.expiresAt IS NOT NULL "
          + "AND v.expiresAt <= :limit AND v.expiryWarnedAt IS NULL", Object[].class)
          .setParameter("limit", limit).getResultList();
      List<SecretMetadata> out = new ArrayList<>();
      for (Object[] r : rows) {
        SecretVersionEntity v = (SecretVersionEntity) r[1];
        v.expiryWarnedAt = now;
        out.add(metadata((SecretEntity) r[0], v));
      }
      return out;
    });
    for (SecretMetadata m : expiring) {
      long days = Duration.between(clock.instant(), m.expires()).toDays();
      LOG.info("Secret {} version {} expires {}", Scopes.reference(m.scope(), m.path()), m.version(), m.expires());
      publish("expiring", m, SYSTEM, Map.of("expires", m.expires().toString(), "daysLeft", Long.toString(days)));
    }
    return expiring.size();
  }

  // ---- helpers

  /** A secret row with one of its version rows. */
  private record Located(SecretEntity secret, SecretVersionEntity version) {
  }

  private Located locate(SecretScope scope, String path, int version) {
    return tx.read(em -> {
      SecretEntity s = find(em, scope, path, false);
      if (s == null) {
        throw notFound(scope, path);
      }
      SecretVersionEntity v = version(em, s, version);
      if (v == null) {
        throw new NotFoundException("version: secret '" + Scopes.reference(scope, path) + "' has no version "
            + version);
      }
      return new Located(s, v);
    });
  }

  private static NoSuchElementException notFound(SecretScope scope, String path) {
    return new NotFoundException("path: secret '" + Scopes.reference(scope, path) + "' not found");
  }

  private byte[] decrypt(Located l) {
    String ref = Scopes.reference(l.secret.scope(), l.secret.path);
    String what = "secret '" + ref + "' version " + l.version.version;
    MasterKeys.Key key;
    try {
      key = keys.byId(l.version.keyId);
    } catch (MasterKeyException e) {
      throw new SecretIntegrityException(what + ": " + e.getMessage());
    }
    return envelope.open(new Envelope.Sealed(l.version.keyId, l.version.wrappedKey, l.version.iv,
        l.version.ciphertext), key, Envelope.aad(ref, l.version.version), what);
  }

  private static SecretEntity find(EntityManager em, SecretScope scope, String path, boolean lock) {
    var q = em.createQuery("SELECT s FROM SecretEntity s WHERE s.scopeLevel = :l AND s.scopeId = :i AND s.path = :p",
        SecretEntity.class).setParameter("l", scope.level().name()).setParameter("i", scope.id())
        .setParameter("p", path);
    if (lock) {
      q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }
    List<SecretEntity> rows = q.getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static SecretEntity resolve(EntityManager em, ScopeChain chain, String path) {
    for (SecretScope scope : (chain == null ? ScopeChain.WORKSPACE : chain).scopes()) {
      SecretEntity s = find(em, Scopes.check(scope), path, false);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  private static SecretVersionEntity version(EntityManager em, SecretEntity s, int version) {
    List<SecretVersionEntity> rows = em.createQuery(
        "SELECT v FROM SecretVersionEntity v WHERE v.secretId = :id AND v.version = :n", SecretVersionEntity.class)
        .setParameter("id", s.id).setParameter("n", version == 0 ? s.latestVersion : version).getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static SecretMetadata metadata(SecretEntity s, SecretVersionEntity v) {
    Map<String, String> attributes = new LinkedHashMap<>(Values.attributesFromJson(v.attributes));
    attributes.put("change", v.kind);
    if (s.rotationDays != null) {
      attributes.put("rotationDays", Integer.toString(s.rotationDays));
    }
    return new SecretMetadata(s.path, s.scope(), s.secretType(), v.version, v.createdBy,
        Instant.ofEpochMilli(v.createdAt), v.expiresAt == null ? null : Instant.ofEpochMilli(v.expiresAt), attributes);
  }

  private void audit(String actor, String action, String target, AuditOutcome outcome, String detail) {
    audit.append(new AuditRecord(actor == null || actor.isBlank() ? SYSTEM : actor, action, target, "", outcome,
        detail));
  }

  /** Records a refused or failed call; never hides the original failure. */
  private void auditFailure(String actor, String action, String target, Exception e) {
    try {
      AuditOutcome outcome = e instanceof SecretIntegrityException ? AuditOutcome.FAILED
          : e instanceof IllegalArgumentException || e instanceof NoSuchElementException ? AuditOutcome.DENIED
          : AuditOutcome.FAILED;
      audit(actor, action, target, outcome, String.valueOf(e.getMessage()));
    } catch (RuntimeException again) {
      LOG.warn("Could not audit failed {} on {}: {}", action, target, again.toString());
    }
  }

  private void publish(String kind, SecretMetadata m, String actor, Map<String, String> extra) {
    EventAdmin admin = events;
    if (admin == null) {
      return;
    }
    Map<String, Object> props = new HashMap<>(extra);
    props.put("kind", kind);
    props.put("path", m.path());
    props.put("scope", Scopes.format(m.scope()));
    props.put("reference", Scopes.reference(m.scope(), m.path()));
    props.put("version", m.version());
    props.put("type", Scopes.typeId(m.type()));
    props.put("actor", actor == null ? SYSTEM : actor);
    props.put("time", clock.instant().toString());
    admin.postEvent(new Event(EventTopics.SECRET, props));
  }

  private static String targetOf(SecretScope scope, String path) {
    try {
      return Scopes.reference(Scopes.check(scope), clip(String.valueOf(path)));
    } catch (RuntimeException e) {
      return "?/" + clip(String.valueOf(path));
    }
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 199) + "…";
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }

  /** A path that may carry its scope: {@code project:p1/db/password}; plain paths mean the workspace. */
  private record Ref(SecretScope scope, String path) {
    static Ref parse(String text) {
      if (text == null) {
        throw new InvalidInputException("path: required");
      }
      int slash = text.indexOf('/');
      int colon = text.indexOf(':');
      if (colon >= 0 && (slash < 0 || colon < slash)) {
        if (slash < 0) {
          throw new InvalidInputException("path: a reference is <scope>/<path>, e.g. project:p1/db/password");
        }
        return new Ref(Scopes.parse(text.substring(0, slash)), text.substring(slash + 1));
      }
      return new Ref(SecretScope.WORKSPACE, text);
    }
  }
}
