package dev.stoker.api.docs;

/** Kinds of generated document. */
public enum DocumentKind {
  CHANGE_SUMMARY, RELEASE_NOTES, AUDIT_REPORT
}
