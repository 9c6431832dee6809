package dev.stoker.documents.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Row of {@code stoker_document}; the structured parts are JSON (see {@link DocumentStore}). */
@Entity
@Table(name = "stoker_document")
public class DocumentEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "project")
  String project;
  @Column(name = "kind")
  String kind;
  @Column(name = "title")
  String title;
  @Column(name = "doc_version")
  int docVersion;
  @Column(name = "status")
  String status;
  @Column(name = "writer")
  String writer;
  @Column(name = "open_findings")
  int openFindings;
  @Column(name = "request_json")
  String request;
  @Column(name = "content")
  String content;
  @Column(name = "facts_json")
  String facts;
  @Column(name = "provenance_json")
  String provenance;
  @Column(name = "findings_json")
  String findings;
  @Column(name = "reviews_json")
  String reviews;
  @Column(name = "signature_json")
  String signature;
  @Column(name = "supersedes")
  String supersedes;
  @Column(name = "superseded_by")
  String supersededBy;
  @Column(name = "stale")
  boolean stale;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "created_at")
  long createdAt;
  @Column(name = "updated_at")
  long updatedAt;
  @Version
  @Column(name = "version")
  long version;

  public DocumentEntity() {
    // for JPA
  }
}
