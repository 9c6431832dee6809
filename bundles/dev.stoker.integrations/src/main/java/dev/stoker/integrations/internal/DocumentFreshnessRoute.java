package dev.stoker.integrations.internal;

import dev.stoker.api.docs.DocumentService;

/**
 * The route {@value #ROUTE_ID}: a new revision or a merge on a project's branch asks the document service to
 * refresh the documents that follow it (untouched drafts written again, the rest marked stale). A refresh that
 * fails is logged and counted, not retried: the documents stay as they were.
 */
final class DocumentFreshnessRoute extends BranchChangeRoute {
  static final String ROUTE_ID = "document-freshness";
  static final String QUEUE_URI = "seda:stoker-document-freshness?size=1000&blockWhenFull=false";

  private final DocumentService documents;

  DocumentFreshnessRoute(DocumentService documents) {
    super(ROUTE_ID, QUEUE_URI, "Documents not refreshed");
    this.documents = documents;
  }

  @Override
  int onChange(String project, String branch, String revision, String actor, String change) {
    int n = documents.refresh(project, branch, actor == null ? "system" : actor);
    if (n > 0) {
      log.info("Refreshed {} document(s) of {} after a {}", n, project, change);
    }
    return n;
  }
}
