package dev.stoker.environments.internal;

import dev.stoker.api.common.InvalidInputException;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactKind;
import dev.stoker.api.repository.BlobRef;
import dev.stoker.api.repository.BlobStore;
import dev.stoker.api.store.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The artifact records and their blobs: spools an upload to a temporary file, inspects it, and only then
 * puts it into the blob store and records it. Shared by the artifact service (uploads) and the environment
 * service (backups it takes, lookups when it validates a request).
 */
final class Artifacts {
  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
  };

  private final Transactions tx;
  private final Supplier<BlobStore> blobs;
  private final ArtifactInspector inspector;
  private final Clock clock;
  private volatile long maxBytes;

  Artifacts(Transactions tx, Supplier<BlobStore> blobs, ArtifactInspector inspector, Clock clock, long maxBytes) {
    this.tx = tx;
    this.blobs = blobs;
    this.inspector = inspector;
    this.clock = clock;
    this.maxBytes = maxBytes;
  }

  BlobStore blobs() {
    BlobStore store = blobs.get();
    if (store == null) {
      throw new UnavailableException("the blob store is not available (feature stoker-core, bundle dev.stoker.repository)");
    }
    return store;
  }

  /** Uploads from now on may be this large; one already running keeps the limit it started with. */
  void maxBytes(long limit) {
    this.maxBytes = limit;
  }

  /**
   * Inspects, stores and records content; equal content is recorded once for everyone and once per project
   * (the first name given there is kept).
   *
   * @param project the project it is for, or {@code null} for everyone (checked by the caller)
   */
  Artifact store(InputStream content, String fileName, String project, String actor) throws IOException {
    ArtifactInspector.kindOf("fileName", fileName); // refuse a bad name before reading anything
    BlobStore store = blobs();
    long limit = maxBytes;
    Path tmp = Files.createTempFile("stoker-artifact-", ".part");
    try {
      long size = ArtifactInspector.spool(content, tmp, limit);
      if (size == 0) {
        throw new InvalidInputException("file: '" + fileName + "' is empty");
      }
      ArtifactInspector.Inspection what = inspector.inspect(tmp, fileName);
      BlobRef ref;
      try (InputStream in = Files.newInputStream(tmp)) {
        ref = store.put(in, limit);
      }
      return record(ref, fileName, what, project, actor);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Artifact record(BlobRef ref, String fileName, ArtifactInspector.Inspection what, String project,
      String actor) {
    ArtifactEntity row = new ArtifactEntity();
    row.id = ArtifactEntity.key(ref.sha256(), project);
    row.sha256 = ref.sha256();
    row.project = project;
    row.kind = what.kind().name();
    row.fileName = fileName;
    row.size = ref.size();
    row.attributesJson = Specs.write(what.attributes());
    row.createdBy = actor;
    row.createdAt = clock.instant().toEpochMilli();
    for (int attempt = 1;; attempt++) {
      try {
        return tx.write(em -> {
          ArtifactEntity existing = em.find(ArtifactEntity.class, row.id);
          if (existing != null) {
            return toArtifact(existing);
          }
          em.persist(row);
          return toArtifact(row);
        });
      } catch (jakarta.persistence.PersistenceException e) {
        if (attempt >= 3) {
          throw e; // a concurrent upload of the same content wins the insert; the next read finds it
        }
      }
    }
  }

  /** @return the entry for everyone, else the first project entry */
  Optional<Artifact> get(String sha256) {
    return entries(sha256).stream().findFirst();
  }

  /** @return the entries of the content: the one for everyone first, then the projects' by name */
  List<Artifact> entries(String sha256) {
    if (sha256 == null) {
      return List.of();
    }
    return tx.read(em -> em.createQuery("SELECT a FROM ArtifactEntity a WHERE a.sha256 = :s", ArtifactEntity.class)
        .setParameter("s", sha256).getResultList()).stream().map(Artifacts::toArtifact)
        .sorted(Comparator.comparing(Artifact::project, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
  }

  Page<Artifact> list(PageRequest page) {
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(a) FROM ArtifactEntity a", Long.class).getSingleResult();
      List<Artifact> items = em.createQuery("SELECT a FROM ArtifactEntity a ORDER BY a.createdAt DESC, a.id",
          ArtifactEntity.class).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
          .map(Artifacts::toArtifact).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  static Artifact toArtifact(ArtifactEntity e) {
    Map<String, String> attributes;
    try {
      attributes = Specs.JSON.readValue(e.attributesJson, ATTRIBUTES);
    } catch (IOException ex) {
      attributes = Map.of();
    }
    return new Artifact(e.sha256, e.size, e.fileName, ArtifactKind.valueOf(e.kind), attributes, e.createdBy,
        Instant.ofEpochMilli(e.createdAt), e.project);
  }
}
