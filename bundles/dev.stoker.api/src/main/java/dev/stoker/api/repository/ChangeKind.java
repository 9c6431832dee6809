package dev.stoker.api.repository;

/** How a resource changed between two revisions. */
public enum ChangeKind {
  ADDED, REMOVED, MODIFIED, RENAMED
}
