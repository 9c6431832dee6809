package dev.stoker.shell.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.SecretWrite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * In-memory {@link SecretService} with just what the shell commands call. It checks input and throws
 * like the real service (messages start with the field name); every call that takes an actor is recorded
 * in {@link #calls} as {@code method reference actor}. Methods the commands do not use throw
 * {@link UnsupportedOperationException}.
 */
class FakeSecretService implements SecretService {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private record Version(SecretMetadata metadata, byte[] value) {
  }

  /** Reference → versions, oldest first. */
  private final Map<String, List<Version>> secrets = new LinkedHashMap<>();
  private final Map<String, SecretLease> leases = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  String masterKeyId = "mk-0001";

  /** Seeds a new version written by {@code seed}. */
  SecretMetadata add(SecretScope scope, String path, SecretType type, byte[] value) {
    return store(scope, path, type, value, "seed", Map.of("change", "written"));
  }

  SecretMetadata add(SecretScope scope, String path, SecretType type, String value) {
    return add(scope, path, type, value.getBytes(StandardCharsets.UTF_8));
  }

  void addLease(String id, Instant expires, Map<String, Path> files) {
    leases.put(id, new SecretLease(id, expires, files));
  }

  boolean exists(SecretScope scope, String path) {
    return secrets.containsKey(Scopes.reference(scope, path));
  }

  private SecretMetadata store(SecretScope scope, String path, SecretType type, byte[] value, String actor,
      Map<String, String> attributes) {
    List<Version> versions = secrets.computeIfAbsent(Scopes.reference(scope, path), k -> new ArrayList<>());
    SecretMetadata m = new SecretMetadata(path, scope, type, versions.size() + 1, actor, NOW, null, attributes);
    versions.add(new Version(m, value.clone()));
    return m;
  }

  private List<Version> require(SecretScope scope, String path) {
    List<Version> versions = secrets.get(Scopes.reference(Scopes.check(scope), Scopes.checkPath(path)));
    if (versions == null) {
      throw new NoSuchElementException("path: secret '" + Scopes.reference(scope, path) + "' not found");
    }
    return versions;
  }

  private Version version(SecretScope scope, String path, int version) {
    List<Version> versions = require(scope, path);
    if (version == 0) {
      return versions.get(versions.size() - 1);
    }
    if (version > versions.size()) {
      throw new NoSuchElementException("version: secret '" + Scopes.reference(scope, path) + "' has no version "
          + version);
    }
    return versions.get(version - 1);
  }

  @Override
  public Optional<SecretMetadata> metadata(SecretScope scope, String path, int version) {
    List<Version> versions = secrets.get(Scopes.reference(scope, path));
    if (versions == null || version < 0 || version > versions.size()) {
      return Optional.empty();
    }
    return Optional.of(versions.get(version == 0 ? versions.size() - 1 : version - 1).metadata());
  }

  @Override
  public List<SecretMetadata> versions(SecretScope scope, String path) {
    List<SecretMetadata> out = new ArrayList<>();
    secrets.getOrDefault(Scopes.reference(scope, path), List.of()).forEach(v -> out.add(0, v.metadata()));
    return out;
  }

  @Override
  public Page<SecretMetadata> list(SecretScope scope, PageRequest page) {
    List<SecretMetadata> latest = secrets.values().stream().map(v -> v.get(v.size() - 1).metadata())
        .filter(m -> m.scope().equals(scope)).toList();
    return new Page<>(latest, page.offset(), page.limit(), latest.size());
  }

  @Override
  public byte[] reveal(SecretScope scope, String path, int version, String actor) {
    calls.add("reveal " + Scopes.reference(scope, path) + "@" + version + " " + actor);
    if (version < 0) {
      throw new IllegalArgumentException("version: must be 0 (latest) or more");
    }
    return version(scope, path, version).value().clone();
  }

  @Override
  public SecretMetadata rollback(SecretScope scope, String path, int version, String actor) {
    calls.add("rollback " + Scopes.reference(scope, path) + "@" + version + " " + actor);
    if (version < 1) {
      throw new IllegalArgumentException("version: must be 1 or more");
    }
    Version old = version(scope, path, version);
    return store(scope, path, old.metadata().type(), old.value(), actor,
        Map.of("change", "rolled-back", "rolledBackFrom", Integer.toString(version)));
  }

  @Override
  public SecretMetadata schedule(SecretScope scope, String path, int rotationDays, String actor) {
    calls.add("schedule " + Scopes.reference(scope, path) + " " + rotationDays + " " + actor);
    Version latest = version(scope, path, 0);
    if (rotationDays < 0 || rotationDays > 3650) {
      throw new IllegalArgumentException("rotationDays: must be between 0 (off) and 3650");
    }
    Map<String, String> attributes = new HashMap<>(latest.metadata().attributes());
    attributes.put("rotationDays", Integer.toString(rotationDays));
    SecretMetadata m = latest.metadata();
    return new SecretMetadata(m.path(), m.scope(), m.type(), m.version(), m.createdBy(), m.created(), m.expires(),
        attributes);
  }

  @Override
  public boolean delete(SecretScope scope, String path, String actor) {
    calls.add("delete " + Scopes.reference(scope, path) + " " + actor);
    return secrets.remove(Scopes.reference(Scopes.check(scope), Scopes.checkPath(path))) != null;
  }

  @Override
  public boolean release(String leaseId, String actor) {
    calls.add("release " + leaseId + " " + actor);
    return leases.remove(leaseId) != null;
  }

  @Override
  public List<SecretLease> leases() {
    return List.copyOf(leases.values());
  }

  @Override
  public String rotateMasterKey(String actor) {
    calls.add("rotateMasterKey " + actor);
    masterKeyId = "mk-000" + (Integer.parseInt(masterKeyId.substring(3)) + 1);
    return masterKeyId;
  }

  @Override
  public String masterKeyId() {
    return masterKeyId;
  }

  // ---- not used by the shell commands

  @Override
  public SecretMetadata write(SecretWrite write, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<SecretMetadata> resolve(ScopeChain chain, String path) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SecretMetadata rotate(SecretScope scope, String path, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SecretLease lease(ScopeChain chain, Collection<String> paths, Duration ttl, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SecretLease render(ScopeChain chain, String template, String fileName, Duration ttl, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SecretMetadata write(String path, SecretScope scope, SecretType type, byte[] value, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<SecretMetadata> metadata(String path, int version) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] read(String path, int version) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<SecretMetadata> list(SecretScope scope) {
    throw new UnsupportedOperationException();
  }
}
