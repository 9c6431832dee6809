package dev.stoker.rest.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.ws.rs.core.MultivaluedMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What project (and stage) a request touches, and the role the caller has there
 * ({@link ProjectMemberService}): {@code /projects/{p}/…} is project {@code p}; an environment
 * ({@code /environments/{id}/…}) is the project its {@code project} label names, on its stage; a run is its
 * project on any of its stages (the pipeline checks the stage it acts on); a document is its project; an alert rule
 * (and an alert it raised) is the project it names (pipeline rules) or its environment's project. On an open
 * project (no bindings) the caller's own role counts as authenticated, so a token's limits still hold.
 */
@Component(service = ProjectScopes.class)
public class ProjectScopes {
  /** The environment label that ties an environment to a project. */
  static final String PROJECT_LABEL = "project";

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ProjectMemberService members;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile EnvironmentService environments;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile PipelineService pipelines;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile DocumentService documents;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AlertService alerts;

  public ProjectScopes() {
    // for DS
  }

  ProjectScopes(ProjectMemberService members, EnvironmentService environments, PipelineService pipelines,
      DocumentService documents) {
    this(members, environments, pipelines, documents, null);
  }

  ProjectScopes(ProjectMemberService members, EnvironmentService environments, PipelineService pipelines,
      DocumentService documents, AlertService alerts) {
    this.members = members;
    this.environments = environments;
    this.pipelines = pipelines;
    this.documents = documents;
    this.alerts = alerts;
  }

  /**
   * The project and stages a request touches.
   *
   * @param project the project
   * @param stages the stages acted on; empty for the project as a whole
   */
  record Scope(String project, List<Stage> stages) {
  }

  /** @return the scope of a request to {@code resource} with these path parameters, empty when it has none */
  Optional<Scope> of(Class<?> resource, MultivaluedMap<String, String> path) {
    String p = path.getFirst("p");
    if (p != null) {
      return Optional.of(new Scope(p, List.of()));
    }
    String id = path.getFirst("id");
    if (id == null) {
      return Optional.empty();
    }
    if (resource == EnvironmentResource.class || resource == GatewayMetricsResource.class
        || resource == MetricsHistoryResource.class) {
      EnvironmentService envs = environments;
      return envs == null ? Optional.empty() : envs.get(id).flatMap(ProjectScopes::scopeOf);
    }
    if (resource == RunResource.class) {
      PipelineService runs = pipelines;
      return runs == null ? Optional.empty() : runs.run(id).map(ProjectScopes::scopeOf);
    }
    if (resource == AlertRuleResource.class) {
      AlertService rules = alerts;
      return rules == null ? Optional.empty() : rules.rule(id).flatMap(r -> ofRule(r.kind(), r.environment()));
    }
    if (resource == AlertResource.class) {
      AlertService fired = alerts;
      return fired == null ? Optional.empty() : fired.alert(id).flatMap(a -> ofRule(a.kind(), a.target()));
    }
    if (resource == DocumentResource.class) {
      DocumentService docs = documents;
      return docs == null ? Optional.empty() : docs.get(id).map(d -> new Scope(d.project(), List.of()));
    }
    return Optional.empty();
  }

  /** @return the environment with this id; empty when there is none or the environment service is away */
  Optional<Environment> environment(String id) {
    EnvironmentService envs = environments;
    return envs == null || id == null || id.isBlank() ? Optional.empty() : envs.get(id);
  }

  /**
   * @return the scope of an alert rule: the project a pipeline rule names, or the project of the environment any
   *     other rule is limited to; empty for a rule of every environment
   */
  Optional<Scope> ofRule(String kind, String environment) {
    if (environment == null || environment.isBlank()) {
      return Optional.empty();
    }
    return AlertRule.PIPELINE_FAILED.equals(kind) ? Optional.of(new Scope(environment, List.of()))
        : environment(environment).flatMap(ProjectScopes::scopeOf);
  }

  /** @return whether the caller may see the alert: that of its rule's kind and target ({@link #ofRule}) */
  boolean visible(StokerPrincipal caller, Alert alert) {
    return ofRule(alert.kind(), alert.target()).map(s -> roleIn(caller, s).isPresent()).orElse(true);
  }

  /**
   * @return {@link #visible(StokerPrincipal, Alert)} for one list: each kind and target is looked up once, as a
   *     list holds many alerts of the same few targets
   */
  java.util.function.Predicate<Alert> visibleAlerts(StokerPrincipal caller) {
    java.util.Map<java.util.List<String>, Boolean> seen = new java.util.HashMap<>();
    return a -> seen.computeIfAbsent(java.util.Arrays.asList(a.kind(), a.target()), k -> visible(caller, a));
  }

  /**
   * @return the scopes a silence touches: its rule's ({@link #ofRule}), and its target's: the project of the
   *     environment it names, or, when no environment has that id, the project of that name (pipeline alerts name
   *     their project); a target of neither kind is an open project, so the global role counts
   */
  List<Scope> ofSilence(String rule, String target) {
    List<Scope> out = new ArrayList<>();
    AlertService rules = alerts;
    if (rule != null && !rule.isBlank() && rules != null) {
      rules.rule(rule.strip()).flatMap(r -> ofRule(r.kind(), r.environment())).ifPresent(out::add);
    }
    if (target != null && !target.isBlank()) {
      Optional<Environment> env = environment(target.strip());
      if (env.isPresent()) {
        scopeOf(env.get()).ifPresent(out::add);
      } else {
        out.add(new Scope(target.strip(), List.of()));
      }
    }
    return out;
  }

  static Optional<Scope> scopeOf(Environment env) {
    String project = env.spec().labels().get(PROJECT_LABEL);
    return project == null || project.isBlank() ? Optional.empty()
        : Optional.of(new Scope(project, List.of(env.spec().stage())));
  }

  private static Scope scopeOf(Run run) {
    return new Scope(run.project(), List.of(Stage.values()));
  }

  /**
   * @return the caller's role in the scope: the highest over its stages (or the project as a whole); empty when
   *     the project is restricted and the caller is no member
   * @throws ProblemException 503 while the bindings cannot be read
   */
  Optional<Role> roleIn(StokerPrincipal caller, Scope scope) {
    if (caller.role() == Role.ADMIN) {
      return Optional.of(Role.ADMIN);
    }
    ProjectMemberService m = members;
    if (m == null) {
      throw ProblemException.unavailable("the project bindings are not available yet");
    }
    if (!m.restricted(scope.project())) {
      return Optional.of(caller.role());
    }
    Role best = null;
    for (Stage stage : scope.stages().isEmpty() ? java.util.Collections.<Stage>singletonList(null) : scope.stages()) {
      Role r = m.roleOn(caller.username(), scope.project(), stage).orElse(null);
      if (r != null && (best == null || r.includes(best))) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * @return the project of the scope (or {@code null} without one), once the caller's role there (the global role
   *     without a scope) includes {@code needed}
   * @throws ProblemException 404 ({@code missing}) for a non-member of a restricted project, 403 for a lower role
   */
  String require(StokerPrincipal caller, Optional<Scope> where, Role needed, String missing) {
    if (where.isEmpty()) {
      if (!caller.role().includes(needed)) {
        throw AuthFilter.refusal(needed, caller.role(), "");
      }
      return null;
    }
    Scope s = where.get();
    // a restricted project's things are not shown to non-members: the answer of something that does not exist
    Role role = roleIn(caller, s).orElseThrow(() -> ProblemException.notFound(missing));
    if (!role.includes(needed)) {
      throw AuthFilter.refusal(needed, role, " on project '" + s.project() + "'");
    }
    return s.project();
  }

  /** @return whether the caller may see the project ({@code null}: no project, visible) */
  boolean visible(StokerPrincipal caller, String project) {
    return project == null || project.isBlank() || roleIn(caller, new Scope(project, List.of())).isPresent();
  }

  /**
   * @return the page with only what the caller may see ({@code total} lowered by what this page left out; a page
   *     may hold fewer items than its limit)
   */
  <T> Page<T> visibleOnly(Page<T> page, StokerPrincipal caller, Function<T, String> project) {
    List<T> kept = new ArrayList<>();
    for (T item : page.items()) {
      if (visible(caller, project.apply(item))) {
        kept.add(item);
      }
    }
    return new Page<>(kept, page.offset(), page.limit(), page.total() - (page.items().size() - kept.size()));
  }
}
