package dev.stoker.api.docs;

import dev.stoker.api.common.Nullable;

/**
 * One thing a search found: a resource of the searched revision, or one of the project's documents.
 *
 * @param path the resource path, e.g. {@code com.inductiveautomation.perspective/views/Boiler/Overview}; null for
 *     a document
 * @param category {@code view}, {@code script}, {@code named-query} or {@code document}
 * @param score cosine similarity of the query and the indexed text, 0 to 1 (higher is closer)
 * @param excerpt the start of the text the resource was indexed by, or the document's passage closest to the query
 * @param documentId the document's id (category {@code document})
 * @param kind the document's kind
 * @param title the document's title
 * @param status where the document is in its review (drafts are found too)
 * @since 1.2
 */
public record SearchHit(@Nullable String path, String category, double score, String excerpt,
    @Nullable String documentId, @Nullable DocumentKind kind, @Nullable String title,
    @Nullable DocumentStatus status) {
  /** The category of document hits. */
  public static final String DOCUMENT = "document";

  /** A resource hit. */
  public SearchHit(String path, String category, double score, String excerpt) {
    this(path, category, score, excerpt, null, null, null, null);
  }

  /** @return a hit on a document */
  public static SearchHit document(String documentId, DocumentKind kind, String title, DocumentStatus status,
      double score, String excerpt) {
    return new SearchHit(null, DOCUMENT, score, excerpt, documentId, kind, title, status);
  }
}
