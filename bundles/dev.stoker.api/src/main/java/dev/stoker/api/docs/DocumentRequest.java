package dev.stoker.api.docs;

/**
 * What to write about.
 *
 * @param kind kind of document
 * @param project project name
 * @param fromRevision older revision or release
 * @param toRevision newer revision or release
 */
public record DocumentRequest(DocumentKind kind, String project, String fromRevision, String toRevision) {
}
