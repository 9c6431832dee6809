package dev.stoker.secrets.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.secrets.NewVersion;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretIntegrityException;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretStore;
import dev.stoker.api.secrets.SecretValue;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@link SecretStore} ({@code store.name=builtin}): versions in the tables
 * {@code stoker_secret} and {@code stoker_secret_version}, each value encrypted with envelope encryption
 * ({@link Envelope}) under a master key kept outside the database ({@link MasterKeys}). Also owns the master
 * key: its rotation re-wraps every data key.
 *
 * <p>Shares the configuration PID {@code dev.stoker.secrets} with the secret service (it reads the master
 * key settings). A missing or wrong master key fails activation with a message that names the problem
 * (shown by health {@code secrets}); nothing is written then.
 */
@Component(service = SecretStore.class, property = SecretStore.NAME + "=" + EncryptedJpaStore.NAME,
    configurationPid = "dev.stoker.secrets")
public class EncryptedJpaStore implements SecretStore {
  static final String NAME = "builtin";
  private static final Logger LOG = LoggerFactory.getLogger(EncryptedJpaStore.class);
  private static final int REWRAP_BATCH = 100;

  private final EntityManagerFactory emf;
  private final Transactions tx;
  private final Clock clock;
  private final Envelope envelope = new Envelope();
  private final MasterKeys keys;

  /** Outcome of a master key rotation. */
  record KeyRotation(String from, String to, int rewrapped) {
  }

  @Activate
  public EncryptedJpaStore(@Reference Persistence persistence, SecretsConfig config, BundleContext context)
      throws IOException {
    this(persistence, adoptLegacyKey(Settings.of(config, Settings.dataDir(context), Settings.etcDir(context)),
        Settings.legacyMasterKeyFile(Settings.dataDir(context))), Clock.systemUTC(), System.getenv());
  }

  /**
   * Moves a master key still at its old place under {@code data/} to the configured file (by default
   * {@code etc/keys/}), so that a backup of {@code data/} alone never holds both the key and the ciphertext.
   */
  static Settings adoptLegacyKey(Settings settings, Path legacy) throws IOException {
    Path file = settings.masterKeyFile();
    if (!Files.exists(file) && Files.exists(legacy)) {
      Files.createDirectories(file.getParent());
      // retired keys (master-<id>.key) beside it are still needed until their data keys are re-wrapped
      try (var retired = Files.newDirectoryStream(legacy.getParent(), "master-*.key")) {
        for (Path old : retired) {
          Files.move(old, file.resolveSibling(old.getFileName()));
        }
      }
      Files.move(legacy, file);
      LOG.warn("Moved the master key from {} to {} (keys live apart from data/ now)", legacy, file);
    }
    return settings;
  }

  EncryptedJpaStore(Persistence persistence, Settings settings, Clock clock, Map<String, String> env)
      throws IOException {
    this.clock = clock;
    this.emf = persistence.createEntityManagerFactory("stoker-secrets",
        List.of(SecretEntity.class, SecretVersionEntity.class));
    this.tx = new Transactions(emf);
    try {
      Set<String> inUse = new HashSet<>(tx.read(em -> em.createQuery(
          "SELECT DISTINCT v.keyId FROM SecretVersionEntity v", String.class).getResultList()));
      this.keys = MasterKeys.load(settings.masterKeyFile(), settings.masterKeyEnv(), env, inUse);
      rewrapRetired();
    } catch (IOException | RuntimeException e) {
      emf.close();
      String why = e instanceof MasterKeyException ? e.getMessage() : "cannot start: " + e;
      StartupState.failed(why);
      LOG.error("Secret store not started: {}", why);
      throw e;
    }
    StartupState.started();
    LOG.info("Secret store started with master key {} from {}", keys.current().id(), keys.source());
  }

  @Deactivate
  void deactivate() {
    emf.close();
  }

  // ---- versions

  /** Encrypts and stores a new version; retries when two nodes create the same secret at once. */
  @Override
  public SecretMetadata write(NewVersion nv, byte[] value) {
    SecretScope scope = nv.scope();
    String path = nv.path();
    String ref = Scopes.reference(scope, path);
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
            s.type = nv.type().name();
            s.createdAt = now;
            s.createdBy = nv.actor();
            em.persist(s);
          } else if (!s.type.equals(nv.type().name())) {
            throw new ConflictException("type: secret '" + ref + "' is a " + Scopes.typeId(s.secretType())
                + " secret; delete it before storing a " + Scopes.typeId(nv.type()));
          }
          if (nv.rotationDays() != null) {
            s.rotationDays = nv.rotationDays() == 0 ? null : nv.rotationDays();
          }
          int version = s.latestVersion + 1;
          Envelope.Sealed sealed = envelope.seal(value, keys.current(), Envelope.aad(ref, version));
          SecretVersionEntity v = new SecretVersionEntity();
          v.id = newId();
          v.secretId = s.id;
          v.version = version;
          v.kind = nv.change();
          v.createdAt = now;
          v.createdBy = nv.actor();
          v.expiresAt = nv.expires() == null ? null : nv.expires().toEpochMilli();
          v.attributes = Values.attributesToJson(nv.attributes());
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
  public Optional<SecretMetadata> metadata(SecretScope scope, String path, int version) {
    return tx.read(em -> {
      SecretEntity s = find(em, scope, path, false);
      if (s == null) {
        return Optional.empty();
      }
      SecretVersionEntity v = version(em, s, version);
      return v == null ? Optional.empty() : Optional.of(metadata(s, v));
    });
  }

  @Override
  public SecretValue read(SecretScope scope, String path, int version) {
    Object[] row = tx.read(em -> {
      SecretEntity s = find(em, scope, path, false);
      if (s == null) {
        throw new NotFoundException("path: secret '" + Scopes.reference(scope, path) + "' not found");
      }
      SecretVersionEntity v = version(em, s, version);
      if (v == null) {
        throw new NotFoundException("version: secret '" + Scopes.reference(scope, path) + "' has no version "
            + version);
      }
      return new Object[] {s, v};
    });
    SecretEntity s = (SecretEntity) row[0];
    SecretVersionEntity v = (SecretVersionEntity) row[1];
    return new SecretValue(metadata(s, v), decrypt(s, v));
  }

  @Override
  public List<SecretMetadata> versions(SecretScope scope, String path) {
    return tx.read(em -> {
      SecretEntity s = find(em, scope, path, false);
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
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(s) FROM SecretEntity s WHERE s.scopeLevel = :l AND s.scopeId = :i",
          Long.class).setParameter("l", scope.level().name()).setParameter("i", scope.id()).getSingleResult();
      List<Object[]> rows = em.createQuery("SELECT s, v FROM SecretEntity s, SecretVersionEntity v "
          + "WHERE v.secretId = s.id AND v.version = s.latestVersion AND s.scopeLevel = :l AND s.scopeId = :i "
          + "ORDER BY s.path", Object[].class).setParameter("l", scope.level().name())
          .setParameter("i", scope.id()).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
      List<SecretMetadata> items = rows.stream()
          .map(r -> metadata((SecretEntity) r[0], (SecretVersionEntity) r[1])).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  @Override
  public Optional<SecretMetadata> delete(SecretScope scope, String path) {
    return tx.write(em -> {
      SecretEntity s = find(em, scope, path, true);
      if (s == null) {
        return Optional.empty();
      }
      SecretMetadata m = metadata(s, version(em, s, 0));
      em.createQuery("DELETE FROM SecretVersionEntity v WHERE v.secretId = :id").setParameter("id", s.id)
          .executeUpdate();
      em.remove(s);
      return Optional.of(m);
    });
  }

  // ---- rotation schedule and expiry

  @Override
  public SecretMetadata schedule(SecretScope scope, String path, int rotationDays) {
    return tx.write(em -> {
      SecretEntity s = find(em, scope, path, true);
      if (s == null) {
        throw new NotFoundException("path: secret '" + Scopes.reference(scope, path) + "' not found");
      }
      s.rotationDays = rotationDays == 0 ? null : rotationDays;
      return metadata(s, version(em, s, 0));
    });
  }

  @Override
  public List<SecretMetadata> scheduled() {
    return tx.read(em -> em.createQuery("SELECT s, v FROM SecretEntity s, SecretVersionEntity v "
        + "WHERE v.secretId = s.id AND v.version = s.latestVersion AND s.rotationDays IS NOT NULL", Object[].class)
        .getResultList().stream().map(r -> metadata((SecretEntity) r[0], (SecretVersionEntity) r[1])).toList());
  }

  @Override
  public List<SecretMetadata> expiring(Instant limit) {
    return tx.read(em -> em.createQuery("SELECT s, v FROM SecretEntity s, SecretVersionEntity v "
        + "WHERE v.secretId = s.id AND v.version = s.latestVersion AND v.expiresAt IS NOT NULL "
        + "AND v.expiresAt <= :limit ORDER BY v.expiresAt, s.path", Object[].class)
        .setParameter("limit", limit.toEpochMilli()).getResultList().stream()
        .map(r -> metadata((SecretEntity) r[0], (SecretVersionEntity) r[1])).toList());
  }

  @Override
  public List<SecretMetadata> takeExpiring(Instant limit) {
    long now = clock.millis();
    return tx.write(em -> {
      List<Object[]> rows = em.createQuery("SELECT s, v FROM SecretEntity s, SecretVersionEntity v "
          + "WHERE v.secretId = s.id AND v.version = s.latestVersion AND v.expiresAt IS NOT NULL "
          + "AND v.expiresAt <= :limit AND v.expiryWarnedAt IS NULL", Object[].class)
          .setParameter("limit", limit.toEpochMilli()).getResultList();
      return rows.stream().map(r -> {
        SecretVersionEntity v = (SecretVersionEntity) r[1];
        v.expiryWarnedAt = now;
        return metadata((SecretEntity) r[0], v);
      }).toList();
    });
  }

  // ---- master key

  /** @return id of the master key that wraps new data keys */
  String masterKeyId() {
    return keys.current().id();
  }

  /**
   * Writes a new master key, re-wraps every data key under it and drops the old key.
   *
   * @throws IOException when the new key file cannot be written
   */
  synchronized KeyRotation rotateMasterKey() throws IOException {
    String old = keys.current().id();
    MasterKeys.Key next = keys.rotate();
    return new KeyRotation(old, next.id(), rewrapRetired());
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

  // ---- rows

  private byte[] decrypt(SecretEntity s, SecretVersionEntity v) {
    String ref = Scopes.reference(s.scope(), s.path);
    String what = "secret '" + ref + "' version " + v.version;
    MasterKeys.Key key;
    try {
      key = keys.byId(v.keyId);
    } catch (MasterKeyException e) {
      throw new SecretIntegrityException(what + ": " + e.getMessage());
    }
    return envelope.open(new Envelope.Sealed(v.keyId, v.wrappedKey, v.iv, v.ciphertext), key,
        Envelope.aad(ref, v.version), what);
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

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
