package dev.stoker.api.docs;

/** Where a document is in its review: {@code DRAFT → IN_REVIEW → APPROVED → SIGNED}. */
public enum DocumentStatus {
  /** Generated or sent back: authors edit it. */
  DRAFT,
  /** Submitted: reviewers edit, comment, approve or send it back. */
  IN_REVIEW,
  /** Approved by a lead: it can be signed once no flag is open. */
  APPROVED,
  /** Signed: immutable; a new version supersedes it. */
  SIGNED
}
