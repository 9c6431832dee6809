package dev.stoker.documents.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.DocumentStatus;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.docs.FactSet;
import dev.stoker.api.docs.Finding;
import dev.stoker.api.docs.Provenance;
import dev.stoker.api.docs.Review;
import dev.stoker.api.docs.Signature;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Documents in {@code stoker_document}: one row per version, the structured parts as JSON. */
final class DocumentStore {
  private final Transactions tx;

  DocumentStore(Transactions tx) {
    this.tx = tx;
  }

  void insert(Document d) {
    tx.write(em -> {
      DocumentEntity e = new DocumentEntity();
      e.id = d.id();
      copy(d, e);
      em.persist(e);
      return null;
    });
  }

  Optional<Document> find(String id) {
    return tx.read(em -> Optional.ofNullable(em.find(DocumentEntity.class, id)).map(DocumentStore::toDocument));
  }

  /**
   * Reads, changes and writes one document in a transaction; a concurrent change of the same row fails with
   * a conflict instead of being lost.
   */
  Document update(String id, UnaryOperator<Document> change) {
    try {
      return tx.write(em -> {
        DocumentEntity e = em.find(DocumentEntity.class, id);
        if (e == null) {
          throw new NotFoundException("document '" + id + "' not found");
        }
        Document changed = change.apply(toDocument(e));
        copy(changed, e);
        return changed;
      });
    } catch (OptimisticLockException | RollbackException e) {
      throw new ConflictException("document '" + id + "' changed meanwhile; read it again");
    }
  }

  /** Marks {@code old} superseded by {@code next} and stores {@code next}, in one transaction. */
  void supersede(String oldId, Document next) {
    tx.write(em -> {
      DocumentEntity old = em.find(DocumentEntity.class, oldId);
      if (old.supersededBy != null) {
        throw new ConflictException("document '" + oldId + "' is already superseded by " + old.supersededBy);
      }
      old.supersededBy = next.id();
      DocumentEntity e = new DocumentEntity();
      e.id = next.id();
      copy(next, e);
      em.persist(e);
      return null;
    });
  }

  /** @return the ids of a project's documents no newer version replaced */
  List<String> current(String project) {
    return tx.read(em -> em.createQuery("SELECT d.id FROM DocumentEntity d WHERE d.project = :p AND "
        + "d.supersededBy IS NULL ORDER BY d.createdAt", String.class).setParameter("p", project).getResultList());
  }

  Page<DocumentSummary> list(String project, PageRequest page) {
    return tx.read(em -> {
      String where = project == null ? "" : " WHERE d.project = :p";
      var query = em.createQuery("SELECT d FROM DocumentEntity d" + where + " ORDER BY d.updatedAt DESC, d.id",
          DocumentEntity.class);
      var count = em.createQuery("SELECT COUNT(d) FROM DocumentEntity d" + where, Long.class);
      if (project != null) {
        query.setParameter("p", project);
        count.setParameter("p", project);
      }
      List<DocumentSummary> items = query.setFirstResult(page.offset()).setMaxResults(page.limit())
          .getResultList().stream().map(DocumentStore::toSummary).toList();
      return new Page<>(items, page.offset(), page.limit(), count.getSingleResult());
    });
  }

  private static void copy(Document d, DocumentEntity e) {
    e.project = d.project();
    e.kind = d.kind().name();
    e.title = d.title();
    e.docVersion = d.version();
    e.status = d.status().name();
    e.writer = d.provenance().writer();
    e.openFindings = d.openFindings().size();
    e.request = Json.write(d.request());
    e.content = d.content();
    e.facts = Json.write(d.facts());
    e.provenance = Json.write(d.provenance());
    e.findings = Json.write(d.findings());
    e.reviews = Json.write(d.reviews());
    e.signature = d.signature() == null ? null : Json.write(d.signature());
    e.supersedes = d.supersedes();
    e.supersededBy = d.supersededBy();
    e.stale = d.stale();
    e.createdBy = d.createdBy();
    e.createdAt = d.created().toEpochMilli();
    e.updatedAt = d.updated().toEpochMilli();
  }

  private static Document toDocument(DocumentEntity e) {
    return new Document(e.id, e.project, DocumentKind.valueOf(e.kind), Json.read(e.request, DocumentRequest.class),
        e.title, e.docVersion, DocumentStatus.valueOf(e.status), e.content, Json.read(e.facts, FactSet.class),
        Json.read(e.provenance, Provenance.class), Json.read(e.findings, new TypeReference<List<Finding>>() {
        }), Json.read(e.reviews, new TypeReference<List<Review>>() {
        }), e.signature == null ? null : Json.read(e.signature, Signature.class), e.supersedes, e.supersededBy,
        e.stale, e.createdBy, Instant.ofEpochMilli(e.createdAt), Instant.ofEpochMilli(e.updatedAt));
  }

  private static DocumentSummary toSummary(DocumentEntity e) {
    return new DocumentSummary(e.id, e.project, DocumentKind.valueOf(e.kind), e.title, e.docVersion,
        DocumentStatus.valueOf(e.status), e.openFindings, e.writer, e.supersededBy != null,
        e.stale, Instant.ofEpochMilli(e.updatedAt));
  }

}
