package dev.stoker.api.docs;

import java.time.Instant;

/**
 * A line of a document list.
 *
 * @param id its id
 * @param project the project
 * @param kind the kind
 * @param title the title
 * @param version its version
 * @param status where it is in the review
 * @param openFindings how many findings still block signing
 * @param writer the writer id
 * @param superseded whether a newer version replaced it
 * @param stale whether its inputs moved on since it was written
 * @param updated when it last changed
 */
public record DocumentSummary(String id, String project, DocumentKind kind, String title, int version,
    DocumentStatus status, int openFindings, String writer, boolean superseded, boolean stale, Instant updated) {
}
