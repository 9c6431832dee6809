package dev.stoker.documents.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.UserService;
import dev.stoker.api.telemetry.AlertService;
import java.util.function.Supplier;

/**
 * The services facts come from, read at the moment they are needed (they are dynamic references: each may come
 * and go). The repository and the audit log are needed; pipelines and alerts add facts when present.
 */
record Sources(Supplier<RepositoryService> repository, Supplier<PipelineService> pipelines,
    Supplier<AlertService> alerts, Supplier<AuditLog> audit, Supplier<UserService> users) {

  RepositoryService needRepository() {
    return need(repository.get(), "the project repository");
  }

  AuditLog needAudit() {
    return need(audit.get(), "the audit log");
  }

  PipelineService needPipelines() {
    return need(pipelines.get(), "the pipeline service");
  }

  static <T> T need(T service, String what) {
    if (service == null) {
      throw new UnavailableException(what + " is not available now; try again shortly");
    }
    return service;
  }
}
