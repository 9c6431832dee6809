package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.ProjectSearch;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.pipeline.RunStatus;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.AlertService;
import dev.stoker.testing.Fakes;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small Stoker behind the MCP endpoint: project {@code open} (no bindings) and {@code secret} (restricted;
 * {@code ann} is its engineer), a run and an environment of each, and an audit log that keeps what it is
 * given. Callers: {@code vic} viewer, {@code erin} engineer, {@code lee} lead, {@code ann} viewer bound engineer on
 * {@code secret}, {@code lee-read} lee with a read-only API token.
 */
final class McpWorld implements McpServices {
  static final Map<String, StokerPrincipal> CALLERS = Map.of(
      "vic", new StokerPrincipal("vic", Role.VIEWER, Set.of(), null),
      "erin", new StokerPrincipal("erin", Role.ENGINEER, Set.of(), null),
      "lee", new StokerPrincipal("lee", Role.LEAD, Set.of(), null),
      "ann", new StokerPrincipal("ann", Role.VIEWER, Set.of(), null),
      "lee-read", new StokerPrincipal("lee", Role.LEAD, Set.of("read"), "tok-1"));
  final List<AuditRecord> audited = new CopyOnWriteArrayList<>();
  final List<String> started = new CopyOnWriteArrayList<>();
  final List<EnvironmentSpec> created = new CopyOnWriteArrayList<>();
  volatile boolean auditPresent = true;
  final Set<Role> writeRoles = EnumSet.noneOf(Role.class);
  private final ObjectMapper json = new ObjectMapper();

  final ProjectScopes scopes = new ProjectScopes(Fakes.of(ProjectMemberService.class, Map.of(
      "restricted", a -> "secret".equals(a[0]),
      "roleOn", a -> Optional.ofNullable("ann".equals(a[0]) && "secret".equals(a[1]) ? Role.ENGINEER : null))),
      null, null, null);
  final AuditLog audit = Fakes.of(AuditLog.class, Map.of("append", a -> {
    audited.add((AuditRecord) a[0]);
    return null;
  }));
  final McpTools tools = new McpTools(this, scopes, () -> auditPresent ? audit : null);

  static Run run(String id, String project) {
    return new Run(id, project, "main", null, null, null, RunStatus.SUCCEEDED, "ann", "test", Instant.EPOCH, null,
        null, List.of(), List.of(), null);
  }

  static Environment environment(String id, String project) {
    EnvironmentSpec spec = new EnvironmentSpec(id, "ignition", "8.3.4", null, dev.stoker.api.environment.Stage.DEV,
        List.of(), List.of(), Map.of(), null, Map.of(), null, null, null, Map.of("project", project), null);
    return new Environment(id, spec, EnvironmentState.RUNNING, null, null, Map.of(), "ann", Instant.EPOCH,
        Instant.EPOCH);
  }

  private static <T> Page<T> page(List<T> items, Object request) {
    PageRequest p = (PageRequest) request;
    return new Page<>(items, p.offset(), p.limit(), items.size());
  }

  @Override
  public EnvironmentService environments() {
    return Fakes.of(EnvironmentService.class, Map.of(
        "list", a -> page(List.of(environment("open-dev", "open"), environment("secret-dev", "secret")), a[0]),
        "get", a -> Optional.of(environment((String) a[0], ((String) a[0]).split("-")[0])),
        "create", a -> {
          created.add((EnvironmentSpec) a[0]);
          return new Operation("op-1", "create", "new-env", OperationStatus.QUEUED, null, 0, null, (String) a[1],
              Instant.EPOCH, null);
        }));
  }

  @Override
  public RepositoryService repository() {
    return Fakes.of(RepositoryService.class, Map.of(
        "list", a -> page(List.of(new ProjectInfo("open", "ignition", null, "main", null, null),
            new ProjectInfo("secret", "ignition", null, "main", null, null)), a[0]),
        "diff", a -> List.of(new ResourceDiff("views/" + a[0] + "/Main", null, ChangeKind.MODIFIED, List.of(), null,
            List.of()))));
  }

  @Override
  public PipelineService pipelines() {
    return Fakes.of(PipelineService.class, Map.of(
        "runs", a -> page(List.of(run("r-open", "open"), run("r-secret", "secret")), a[1]),
        "run", a -> Optional.of(run((String) a[0], ((String) a[0]).substring(2))),
        "start", a -> {
          started.add(a[0] + "@" + a[1] + " by " + a[3]);
          return run("r-new", (String) a[0]);
        }));
  }

  @Override
  public AlertService alerts() {
    return Fakes.of(AlertService.class, Map.of("alerts", a -> List.of()));
  }

  @Override
  public DocumentService documents() {
    return null; // absent: its tools are not offered
  }

  @Override
  public ProjectSearch search() {
    return null;
  }

  /** @return the result of a tool call by this caller */
  JsonNode call(String caller, String tool, String arguments) throws Exception {
    return tools.call(CALLERS.get(caller), tool, arguments == null ? null : json.readTree(arguments), writeRoles,
        "127.0.0.1");
  }

  /** @return the names of the tools this caller is offered */
  List<String> offered(String caller) {
    return tools.offered(CALLERS.get(caller), writeRoles).stream().map(McpTool::name).toList();
  }
}
