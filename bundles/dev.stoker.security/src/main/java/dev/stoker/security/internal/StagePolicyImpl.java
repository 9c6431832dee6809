package dev.stoker.security.internal;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage rules (PID {@code dev.stoker.stages}, {@link StageRules}) applied to the user an action is done
 * for. Roles are read from the user service on every check, so a demotion counts at once. A new
 * configuration applies without a restart.
 */
@Component(service = StagePolicy.class, configurationPid = "dev.stoker.stages")
@Designate(ocd = StagesConfig.class)
public class StagePolicyImpl implements StagePolicy {
  private static final Logger LOG = LoggerFactory.getLogger(StagePolicyImpl.class);

  private final UserService users;
  private final ProjectMemberService members;
  private volatile StageRules rules;

  @Activate
  public StagePolicyImpl(@Reference UserService users, @Reference ProjectMemberService members,
      Map<String, Object> config) {
    this.users = users;
    this.members = members;
    this.rules = StageRules.parse(config);
    LOG.info("Stage rules: {}", describe(rules));
  }

  @Modified
  void modified(Map<String, Object> config) {
    rules = StageRules.parse(config);
    LOG.info("Stage rules changed: {}", describe(rules));
  }

  private static String describe(StageRules r) {
    return r.stages().stream().map(s -> StageRules.id(s) + " " + r.required(s, StageAction.CHANGE_ENVIRONMENT).id()
        + "+").collect(Collectors.joining(", "));
  }

  @Override
  public List<Stage> stages() {
    return rules.stages();
  }

  @Override
  public void check(String actor, Stage stage, StageAction action) {
    check(actor, null, stage, action);
  }

  @Override
  public void check(String actor, String project, Stage stage, StageAction action) {
    StageRules r = rules;
    if (stage == null || !r.stages().contains(stage)) {
      throw new InvalidInputException("stage", "'" + (stage == null ? "" : StageRules.id(stage))
          + "' is not a stage in use here (" + r.stages().stream().map(StageRules::id).collect(Collectors.joining(", "))
          + ")");
    }
    Role needed = r.required(stage, action);
    Optional<Role> role = roleOn(actor, project, stage);
    if (role.isEmpty() || !role.get().includes(needed)) {
      throw new ForbiddenException("stage " + StageRules.id(stage) + ": " + describe(action) + " needs the "
          + needed.id() + " role" + (project == null ? "" : " on project " + project)
          + (role.isPresent() ? " (you are " + role.get().id() + ")" : ""), StageRules.id(stage));
    }
  }

  @Override
  public boolean allows(String actor, Stage stage, StageAction action) {
    StageRules r = rules;
    return stage != null && r.stages().contains(stage)
        && roleOf(actor).map(role -> role.includes(r.required(stage, action))).orElse(false);
  }

  @Override
  public Optional<Role> roleOn(String actor, String project, Stage stage) {
    return project == null ? roleOf(actor) : members.roleOn(actor, project, stage);
  }

  @Override
  public Set<String> allowedImages(String platform, Stage stage) {
    return rules.images(platform, stage);
  }

  /**
   * The role an actor has now: users by their current role; Stoker itself ({@code system},
   * {@code system:<task>}) and the Karaf console ({@code shell:<user>}) as admin.
   */
  private Optional<Role> roleOf(String actor) {
    if (actor == null || actor.isBlank()) {
      return Optional.empty();
    }
    if (actor.equals("system") || actor.startsWith("system:") || actor.startsWith("shell:")) {
      return Optional.of(Role.ADMIN);
    }
    return users.find(actor).filter(u -> !u.disabled()).map(User::role);
  }

  private static String describe(StageAction action) {
    return switch (action) {
      case CHANGE_ENVIRONMENT -> "changing its environments";
      case USE_SECRET -> "using secrets there";
      case UPLOAD_OVERLAY -> "laying uploaded modules or drivers";
      case DEPLOY -> "deploying there";
    };
  }

  @Override
  public String toString() {
    return "StagePolicy" + rules.stages().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
  }
}
