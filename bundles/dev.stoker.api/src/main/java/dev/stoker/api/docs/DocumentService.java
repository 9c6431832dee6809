package dev.stoker.api.docs;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Documents from facts, with grounding, review and sign-off. Every change is audited; a change the audit log
 * cannot record is not made. Who may do what: engineers generate, edit, submit and comment; leads approve,
 * accept findings and sign; viewers only read. A signed document is immutable.
 *
 * <p>Thread-safe. Errors are the typed exceptions of {@code dev.stoker.api.common}: InvalidInputException
 * (bad request, the field named first), NotFoundException, ForbiddenException (role),
 * ConflictException (wrong status, open findings, a concurrent change), UnavailableException (a service or
 * writer that is not there now).
 */
@org.osgi.annotation.versioning.ProviderType
public interface DocumentService {

  /**
   * Computes the facts, has the writer word them, checks the text against the facts and stores a DRAFT.
   *
   * @param project the project
   * @param request what to write
   * @param actor who asks (engineer or above)
   * @return the draft with its findings
   */
  Document generate(String project, DocumentRequest request, String actor);

  /** @return the document */
  Optional<Document> get(String id);

  /**
   * @param project the project, or null for all
   * @param page which page, newest first
   * @return summaries
   */
  Page<DocumentSummary> list(String project, PageRequest page);

  /**
   * Replaces the text (a reviewer's edit) and checks it again: findings whose text is gone disappear, accepted
   * ones that are still there stay accepted. An APPROVED document goes back to IN_REVIEW.
   *
   * @param id the document
   * @param content the new text
   * @param actor who edits (engineer or above)
   * @return the document after the edit
   */
  Document edit(String id, String content, String actor);

  /**
   * A review step: {@code submit} (DRAFT → IN_REVIEW, engineer), {@code comment} (engineer),
   * {@code approve} (IN_REVIEW → APPROVED, lead), {@code request-changes} (IN_REVIEW or APPROVED → DRAFT,
   * lead).
   *
   * @return the document after the step
   */
  Document review(String id, String action, String comment, String actor);

  /**
   * Accepts a finding as it is (lead), with a note saying why.
   *
   * @return the document after the step
   */
  Document accept(String id, String findingId, String note, String actor);

  /**
   * Signs an APPROVED document with no open finding (lead): records signer, time and the SHA-256 of content
   * and facts; the document is immutable from then on.
   *
   * @return the signed document
   */
  Document sign(String id, String actor);

  /**
   * Starts a new DRAFT version of a SIGNED document, with the same facts and text, that supersedes it.
   *
   * @return the new version
   */
  Document supersede(String id, String actor);

  /**
   * Renders a document with its provenance and, once signed, its signature block.
   *
   * @param id the document
   * @param format {@code md}, {@code html} or {@code pdf}; {@code svg} or {@code png} for the dependency diagram
   *     alone, drawn from the facts (a {@code NotFoundException} when the document has none)
   * @return the file
   */
  Export export(String id, String format);

  /**
   * Keeps a project's documents fresh after its branch moved (a new revision or a merge): the documents that
   * follow that branch (change summaries and manuals up to it, compliance reports of an open period) are
   * written again when they are untouched drafts, and marked stale otherwise. Only the default branch counts.
   *
   * @param project the project
   * @param branch the branch that moved
   * @param actor who moved it (audited with the refresh)
   * @return how many documents were written again or marked
   */
  int refresh(String project, String branch, String actor);

  /** @return the ids of the writers present now, {@code template} first */
  List<String> writers();
}
