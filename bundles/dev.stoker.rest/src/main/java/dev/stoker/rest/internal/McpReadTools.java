package dev.stoker.rest.internal;

import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.docs.ProjectSearch;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The read-only MCP tools: environments, projects and their semantic diffs, pipeline runs, alerts, documents
 * and (with the search feature) semantic search. Each calls the service the matching REST endpoint calls and
 * filters or checks projects as that endpoint does ({@link McpAccess}).
 */
final class McpReadTools {
  /** The most alerts one call lists (the alert service's own bound). */
  static final int MAX_ALERTS = 1000;
  private final McpServices services;
  private final McpAccess access;

  McpReadTools(McpServices services, McpAccess access) {
    this.services = services;
    this.access = access;
  }

  /** @return the tools whose services are present now */
  List<McpTool> tools() {
    List<McpTool> tools = new ArrayList<>();
    EnvironmentService envs = services.environments();
    if (envs != null) {
      tools.add(new McpTool("list_environments", "List the gateway environments (sandboxes and deployed gateways) "
          + "you may see, a page at a time.", new McpSchema().paging().build(), false,
          (caller, args) -> access.visibleOnly(envs.list(args.page()), caller,
              e -> e.spec().labels().get(ProjectScopes.PROJECT_LABEL))));
      tools.add(new McpTool("get_environment", "One environment: its spec, state, endpoints and times.",
          new McpSchema().string("id", "the environment id", true).build(), false,
          (caller, args) -> environment(envs, caller, args.string("id"))));
    }
    RepositoryService repo = services.repository();
    if (repo != null) {
      tools.add(new McpTool("list_projects", "List the projects you may see, a page at a time.",
          new McpSchema().paging().build(), false,
          (caller, args) -> access.visibleOnly(repo.list(args.page()), caller, ProjectInfo::name)));
      tools.add(new McpTool("diff_revisions", "The semantic diff of a project between two revisions (branches, "
          + "tags or commits): the changed resources with property pointers, a page at a time, with totals per "
          + "change kind.", new McpSchema().string("project", "the project name", true)
          .string("from", "the older revision", true).string("to", "the newer revision", true)
          .string("folder", "only resources under this folder", false)
          .oneOf("kind", "only changes of this kind", kinds(), false)
          .oneOf("runtime", "resources whose only changes are runtime values: include (default), exclude or only",
              List.of("include", "exclude", "only"), false)
          .paging().build(), false, (caller, args) -> diff(repo, caller, args)));
    }
    PipelineService pipelines = services.pipelines();
    if (pipelines != null) {
      tools.add(perProject("list_runs", "List pipeline runs, newest first, of one project or of all you may see.",
          "only this project's runs", pipelines::runs, Run::project));
      tools.add(new McpTool("get_run", "One pipeline run: its stages, steps and their results, approvals.",
          new McpSchema().string("id", "the run id", true).build(), false, (caller, args) -> {
            String id = args.string("id");
            Run run = pipelines.run(id).orElseThrow(() -> new NotFoundException("id", "run '" + id + "' not found"));
            access.readAnyStage(caller, run.project());
            return run;
          }));
    }
    AlertService alerts = services.alerts();
    if (alerts != null) {
      tools.add(new McpTool("list_alerts", "List alerts (pending, firing, resolved) with their state changes, the "
          + "most recently begun first.", new McpSchema().oneOf("state", "only alerts in this state", Alert.STATES,
          false).integer("limit", "how many alerts", 1, MAX_ALERTS).build(), false,
          (caller, args) -> Map.of("items", alerts.alerts(args.string("state"),
              args.integer("limit") == null ? AlertResource.DEFAULT_LIMIT : args.integer("limit")).stream()
              .filter(access.visibleAlerts(caller)).toList())));
    }
    DocumentService docs = services.documents();
    if (docs != null) {
      tools.add(perProject("list_documents", "List the generated documents (change summaries, release notes, "
          + "compliance reports, manuals) of one project or of all you may see.", "only this project's documents",
          docs::list, DocumentSummary::project));
      tools.add(new McpTool("get_document", "One document: its content, status, provenance and findings.",
          new McpSchema().string("id", "the document id", true).build(), false, (caller, args) -> {
            String id = args.string("id");
            var doc = docs.get(id).orElseThrow(() -> new NotFoundException("id", "document '" + id + "' not found"));
            access.read(caller, doc.project());
            return doc;
          }));
    }
    ProjectSearch search = services.search();
    if (search != null) {
      tools.add(new McpTool("search_project", "Semantic search over a project's resources and documents; hits "
          + "cite resource paths or document ids.", new McpSchema().string("project", "the project name", true)
          .string("query", "what to look for, in words", true)
          .integer("limit", "how many hits", 1, ProjectSearch.MAX_LIMIT).build(), false, (caller, args) -> {
            String project = args.string("project");
            access.read(caller, project);
            Integer limit = args.integer("limit");
            return search.search(project, args.string("query"),
                limit == null ? ProjectSearchResource.DEFAULT_LIMIT : limit);
          }));
    }
    return tools;
  }

  /** A list tool of one project's items or of every project the caller may see. */
  private <T> McpTool perProject(String name, String description, String projectDescription,
      BiFunction<String, PageRequest, Page<T>> list, Function<T, String> projectOf) {
    return new McpTool(name, description, new McpSchema().string("project", projectDescription, false).paging()
        .build(), false, (caller, args) -> {
          String project = args.string("project");
          access.read(caller, project);
          return access.visibleOnly(list.apply(project, args.page()), caller, projectOf);
        });
  }

  private Environment environment(EnvironmentService envs, StokerPrincipal caller, String id) {
    NotFoundException missing = new NotFoundException("id", "environment '" + id + "' not found");
    Environment env = envs.get(id).orElseThrow(() -> missing);
    ProjectScopes.scopeOf(env).ifPresent(scope -> {
      try {
        access.act(caller, scope.project(), scope.stages(), dev.stoker.api.security.Role.VIEWER);
      } catch (NotFoundException hidden) {
        throw missing; // a hidden environment is answered as an unknown one, as the REST API does
      }
    });
    return env;
  }

  private Object diff(RepositoryService repo, StokerPrincipal caller, McpArgs args) {
    String project = args.string("project");
    access.read(caller, project);
    return DiffPages.page(args.string("from"), args.string("to"), repo.diff(project, args.string("from"),
        args.string("to")), args.string("folder"), DiffPages.kind(args.string("kind")),
        DiffPages.runtime(args.string("runtime")), args.page());
  }

  private static List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (dev.stoker.api.repository.ChangeKind k : dev.stoker.api.repository.ChangeKind.values()) {
      kinds.add(k.name().toLowerCase(java.util.Locale.ROOT));
    }
    return kinds;
  }
}
