package dev.stoker.api.docs;

import dev.stoker.api.common.Nullable;
import java.time.Instant;

/**
 * What to write. Which fields a kind needs: {@link DocumentKind#CHANGE_SUMMARY} {@code from} and {@code to}
 * (revisions; {@code to} defaults to the default branch); {@link DocumentKind#RELEASE_NOTES} {@code release};
 * {@link DocumentKind#COMPLIANCE_REPORT} one of {@code run}, {@code release} or a period
 * ({@code periodFrom}, {@code periodTo}); {@link DocumentKind#PROJECT_MANUAL} {@code to} (default branch when
 * absent).
 *
 * @param kind what to write
 * @param from the older revision
 * @param to the newer revision
 * @param release a release name
 * @param periodFrom the start of a period (inclusive)
 * @param periodTo the end of a period (exclusive; now when absent)
 * @param run a pipeline run id
 * @param writer the writer id ({@code template} when absent: the offline template writer)
 */
public record DocumentRequest(DocumentKind kind, @Nullable String from, @Nullable String to,
    @Nullable String release, @Nullable Instant periodFrom, @Nullable Instant periodTo, @Nullable String run,
    @Nullable String writer) {

  /** @return a change summary between two revisions with the template writer */
  public static DocumentRequest changes(String from, String to) {
    return new DocumentRequest(DocumentKind.CHANGE_SUMMARY, from, to, null, null, null, null, null);
  }

  /** @return the same request with another writer */
  public DocumentRequest withWriter(String writerId) {
    return new DocumentRequest(kind, from, to, release, periodFrom, periodTo, run, writerId);
  }
}
