package dev.stoker.api.docs;

import dev.stoker.api.common.InvalidInputException;
import java.util.Locale;

/** What a document is about, and so which inputs and facts it needs. */
public enum DocumentKind {
  /** The changes between two revisions ({@code from}, {@code to}). */
  CHANGE_SUMMARY,
  /** One release: its changes since the release before, and its deployments. */
  RELEASE_NOTES,
  /** A period, a release or a pipeline run: who changed what, who approved, tests, deployments, audit chain. */
  COMPLIANCE_REPORT,
  /** The inventory of a revision: views, scripts, named queries, tags, UDTs and how they depend on each other. */
  PROJECT_MANUAL;

  /** @return the id used in the API, e.g. {@code change-summary} */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @param id an id as {@link #id()} gives it (case and {@code _}/{@code -} do not matter)
   * @return the kind
   * @throws InvalidInputException naming the field {@code kind} for anything else
   */
  public static DocumentKind fromId(String id) {
    if (id != null) {
      for (DocumentKind kind : values()) {
        if (kind.id().equalsIgnoreCase(id.replace('_', '-'))) {
          return kind;
        }
      }
    }
    throw new InvalidInputException("kind", "one of change-summary, release-notes, compliance-report, "
        + "project-manual, not '" + id + "'");
  }
}
