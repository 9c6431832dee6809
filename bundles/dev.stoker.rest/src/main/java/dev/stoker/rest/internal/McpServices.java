package dev.stoker.rest.internal;

import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.ProjectSearch;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.telemetry.AlertService;

/**
 * The services the MCP tools call, each {@code null} while it is missing; a tool is offered only while its
 * service is present.
 */
interface McpServices {
  EnvironmentService environments();

  RepositoryService repository();

  PipelineService pipelines();

  AlertService alerts();

  DocumentService documents();

  ProjectSearch search();
}
