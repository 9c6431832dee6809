package dev.stoker.api.docs;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * Where a document's text came from.
 *
 * @param writer the writer id ({@code template} for the offline template writer)
 * @param provider the provider behind it ({@code template}, {@code openai}, {@code anthropic}, {@code ollama})
 * @param model the model, or the template writer's name
 * @param templateVersion the version of the prompt template (and of the template writer's templates)
 * @param promptSha256 SHA-256 (hex) of the exact prompt
 * @param factsSha256 SHA-256 (hex) of the facts
 * @param revisions the input revisions
 * @param generated when the text was generated
 * @param inputTokens tokens in (0 for the template writer)
 * @param outputTokens tokens out (0 for the template writer)
 * @param reviewers who reviewed it, in order
 * @param signer who signed it
 */
public record Provenance(String writer, String provider, String model, String templateVersion,
    String promptSha256, String factsSha256, List<String> revisions, Instant generated, int inputTokens,
    int outputTokens, List<String> reviewers, @Nullable String signer) {
  public Provenance {
    revisions = List.copyOf(revisions);
    reviewers = List.copyOf(reviewers);
  }

  /** @return the same with one more reviewer (kept once, in order of first review) */
  public Provenance withReviewer(String reviewer) {
    if (reviewers.contains(reviewer)) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(reviewers);
    all.add(reviewer);
    return new Provenance(writer, provider, model, templateVersion, promptSha256, factsSha256, revisions,
        generated, inputTokens, outputTokens, all, signer);
  }

  /** @return the same with the signer set ({@code null}: none), and no reviewers when {@code fresh} */
  public Provenance signedBy(String signer, boolean fresh) {
    return new Provenance(writer, provider, model, templateVersion, promptSha256, factsSha256, revisions,
        generated, inputTokens, outputTokens, fresh ? List.of() : reviewers, signer);
  }
}
