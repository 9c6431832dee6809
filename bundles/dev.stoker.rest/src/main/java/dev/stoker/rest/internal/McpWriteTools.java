package dev.stoker.rest.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools that change something: start a pipeline run, create a sandbox environment. They are offered
 * only to the roles an admin enables ({@code writeTools} in {@code dev.stoker.rest}) and, for an API token, with
 * the {@code write} scope. Each tool then checks the role its REST endpoint checks: a run needs the engineer role
 * on its project; an environment the engineer role (and on its project, when it names one).
 */
final class McpWriteTools {
  /** The least role of every write tool, as the REST endpoints they mirror. */
  static final Role LEAST = Role.ENGINEER;
  private final McpServices services;
  private final McpAccess access;

  McpWriteTools(McpServices services, McpAccess access) {
    this.services = services;
    this.access = access;
  }

  /** @return the tools whose services are present now */
  List<McpTool> tools() {
    List<McpTool> tools = new ArrayList<>();
    PipelineService pipelines = services.pipelines();
    if (pipelines != null) {
      tools.add(new McpTool("start_run", "Start the pipeline of a project on a revision (default: the default "
          + "branch).", new McpSchema().string("project", "the project name", true)
          .string("rev", "branch, tag or commit", false).string("reason", "why the run is started", false).build(),
          true, (caller, args) -> {
            String project = args.string("project");
            access.act(caller, project, List.of(), LEAST);
            return pipelines.start(project, args.string("rev"), args.string("reason"), caller.username());
          }));
    }
    EnvironmentService envs = services.environments();
    if (envs != null) {
      tools.add(new McpTool("create_environment", "Create a gateway sandbox; answers the environment as recorded "
          + "and the operation that provisions it.", new McpSchema().string("name", "the environment name", true)
          .string("platform", "the platform id, e.g. ignition", true)
          .string("version", "the platform version, e.g. 8.3.4", false)
          .oneOf("stage", "the stage", List.of("dev", "test", "staging", "qa", "prod"), true)
          .integer("ttlMinutes", "remove the sandbox after this many minutes", 1, 525_600)
          .strings("labels", "labels; 'project' ties the environment to a project").build(), true,
          (caller, args) -> {
            EnvironmentSpec spec = EnvironmentResource.toSpec(new EnvironmentResource.EnvironmentRequest(
                args.string("name"), args.string("platform"), args.string("version"), null, args.string("stage"),
                null, null, null, null, null, null, null,
                args.integer("ttlMinutes") == null ? null : args.integer("ttlMinutes").longValue(), null,
                args.strings("labels"), null));
            access.act(caller, null, List.of(), LEAST); // as POST /environments: the global role
            String project = spec.labels().get(ProjectScopes.PROJECT_LABEL);
            if (project != null) {
              access.act(caller, project, List.of(spec.stage()), LEAST);
            }
            Operation op = envs.create(spec, caller.username());
            Environment env = envs.get(op.target()).orElseThrow();
            return Map.of("environment", env, "operation", op);
          }));
    }
    return tools;
  }
}
