package dev.stoker.api.docs;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A generated document with its facts, provenance, grounding findings and review.
 *
 * @param id its id
 * @param project the project
 * @param kind the kind
 * @param request what was asked for
 * @param title a title made from the request
 * @param version 1 for the first, one more for each version that supersedes the last
 * @param status where it is in the review
 * @param content the text (Markdown)
 * @param facts the facts it is written from
 * @param provenance where the text came from
 * @param findings the grounding findings of the current text
 * @param reviews the review history
 * @param signature the sign-off, once signed
 * @param supersedes the document this version replaces
 * @param supersededBy the version that replaced this one
 * @param stale whether the inputs moved on since it was written (a reviewed or edited document is marked, an
 *     untouched draft is written again)
 * @param createdBy who asked for it
 * @param created when
 * @param updated when it last changed
 */
public record Document(String id, String project, DocumentKind kind, DocumentRequest request, String title,
    int version, DocumentStatus status, String content, FactSet facts, Provenance provenance,
    List<Finding> findings, List<Review> reviews, @Nullable Signature signature, @Nullable String supersedes,
    @Nullable String supersededBy, boolean stale, String createdBy, Instant created, Instant updated) {
  public Document {
    findings = List.copyOf(findings);
    reviews = List.copyOf(reviews);
  }

  /** @return the findings that still block signing */
  public List<Finding> openFindings() {
    return findings.stream().filter(Finding::open).toList();
  }
}
