package dev.stoker.documents.internal;

import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.DocumentStatus;
import java.time.Instant;

/** Which documents a moved branch makes out of date, and what becomes of them. */
final class Freshness {
  private Freshness() {
  }

  /** Change summaries and manuals up to the branch (or the default branch), reports of an open period. */
  static boolean follows(DocumentRequest r, String branch) {
    return switch (r.kind()) {
      case CHANGE_SUMMARY, PROJECT_MANUAL -> r.to() == null || r.to().equals(branch);
      case COMPLIANCE_REPORT -> r.periodFrom() != null && r.periodTo() == null;
      case RELEASE_NOTES -> false;
    };
  }

  /** A draft nobody edited, reviewed or commented on: writing it again loses nothing. */
  static boolean untouchedDraft(Document d) {
    return d.status() == DocumentStatus.DRAFT && d.reviews().stream()
        .allMatch(r -> r.action().equals("generate") || r.action().equals("refresh"));
  }

  static Document stale(Document d, Instant now) {
    return new Document(d.id(), d.project(), d.kind(), d.request(), d.title(), d.version(), d.status(),
        d.content(), d.facts(), d.provenance(), d.findings(), d.reviews(), d.signature(), d.supersedes(),
        d.supersededBy(), true, d.createdBy(), d.created(), now);
  }
}
