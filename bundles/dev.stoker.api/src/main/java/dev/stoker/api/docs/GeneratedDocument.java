package dev.stoker.api.docs;

import java.time.Instant;
import java.util.List;

/**
 * A generated document with its provenance.
 *
 * @param kind kind
 * @param title title
 * @param markdown body in Markdown
 * @param model the model that wrote it
 * @param generated when
 * @param sources revisions, runs and audit ranges it was written from
 */
public record GeneratedDocument(DocumentKind kind, String title, String markdown, String model,
    Instant generated, List<String> sources) {
  public GeneratedDocument {
    sources = List.copyOf(sources);
  }
}
