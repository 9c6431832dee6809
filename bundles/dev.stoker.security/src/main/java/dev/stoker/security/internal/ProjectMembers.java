package dev.stoker.security.internal;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.ProjectMember;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Per-project role bindings on the relational store, and the role they give ({@link Bindings}). The user's
 * global role, state and provider groups are read from {@code stoker_user} at every call (by a query that
 * bypasses any cache), so a demotion, a disabling or a group change at the provider counts at once.
 */
@Component(service = ProjectMemberService.class)
public class ProjectMembers implements ProjectMemberService {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final EntityManagerFactory emf;
  private final Transactions tx;
  private final AuditLog audit;
  private final Clock clock;

  @Activate
  public ProjectMembers(@Reference Persistence persistence, @Reference AuditLog audit) {
    this(persistence, audit, Clock.systemUTC());
  }

  ProjectMembers(Persistence persistence, AuditLog audit, Clock clock) {
    this.emf = persistence.createEntityManagerFactory("stoker-project-members", List.of(MemberEntity.class));
    this.tx = new Transactions(emf);
    this.audit = audit;
    this.clock = clock;
  }

  @Deactivate
  void deactivate() {
    emf.close();
  }

  Transactions tx() {
    return tx;
  }

  @Override
  public List<ProjectMember> members(String project) {
    return tx.read(em -> load(em, project));
  }

  private static List<ProjectMember> load(EntityManager em, String project) {
    return em.createQuery("SELECT m FROM MemberEntity m WHERE m.project = :p ORDER BY m.kind DESC, m.name, m.stage",
        MemberEntity.class).setParameter("p", project).getResultList().stream().map(MemberEntity::toMember).toList();
  }

  @Override
  public boolean restricted(String project) {
    return tx.read(em -> em.createQuery("SELECT COUNT(m) FROM MemberEntity m WHERE m.project = :p", Long.class)
        .setParameter("p", project).getSingleResult()) > 0;
  }

  @Override
  public Optional<Role> roleOn(String actor, String project, Stage stage) {
    if (actor == null || actor.isBlank()) {
      return Optional.empty();
    }
    if (actor.equals("system") || actor.startsWith("system:") || actor.startsWith("shell:")) {
      return Optional.of(Role.ADMIN);
    }
    return tx.read(em -> roleOn(em, actor, project, stage));
  }

  /**
   * A service account acts on a project with the lower of its own role there and its owner's: a binding never
   * lets it do what its owner may not do on that project (or stage).
   */
  private static Optional<Role> roleOn(EntityManager em, String actor, String project, Stage stage) {
    Caller caller = caller(em, actor);
    if (caller == null) {
      return Optional.empty();
    }
    List<ProjectMember> bindings = load(em, project);
    Optional<Role> own = Bindings.resolve(caller.role(), actor, caller.groups(), bindings, stage);
    if (caller.owner() == null || own.isEmpty()) {
      return own;
    }
    Caller owner = caller(em, caller.owner());
    if (owner == null || owner.owner() != null) {
      return Optional.empty();
    }
    return Bindings.resolve(owner.role(), caller.owner(), owner.groups(), bindings, stage)
        .map(theirs -> Bindings.lower(own.get(), theirs));
  }

  /**
   * A user as the bindings see them: global role, provider groups and, for a service account, its owner;
   * {@code null} when unknown or disabled.
   */
  record Caller(Role role, List<String> groups, String owner) {
  }

  private static Caller caller(EntityManager em, String username) {
    List<?> rows = em.createNativeQuery(
        "SELECT role, disabled, provider_groups, service_owner FROM stoker_user WHERE username = ?1")
        .setParameter(1, username).getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] row = (Object[]) rows.get(0);
    if (Boolean.TRUE.equals(row[1]) || Integer.valueOf(1).equals(row[1])) {
      return null;
    }
    String groups = row[2] == null ? "" : row[2].toString();
    return new Caller(Role.fromId(row[0].toString()), groups.isEmpty() ? List.of() : List.of(groups.split("\n")),
        row[3] == null ? null : row[3].toString());
  }

  @Override
  public ProjectMember bind(String project, ProjectMember.Kind kind, String name, Role role, Stage stage,
      String actor) {
    validate(project, kind, name);
    if (role == null || role == Role.ADMIN) {
      throw new InvalidInputException("role", "lead, engineer or viewer (admins are admins everywhere)");
    }
    String who = name.strip();
    Role mine = mayManage(actor, project, stage);
    if (!mine.includes(role)) {
      throw new ForbiddenException("role: you may grant at most '" + mine.id() + "' on project '" + project + "'");
    }
    boolean lockOut = mine != Role.ADMIN && !restricted(project)
        && !(kind == ProjectMember.Kind.USER && who.equals(actor) && role == Role.LEAD && stage == null);
    ProjectMember stored = tx.write(em -> {
      if (kind == ProjectMember.Kind.USER && caller(em, who) == null) {
        throw new InvalidInputException("name", "no enabled user '" + who + "'");
      }
      if (lockOut) {
        put(em, project, ProjectMember.Kind.USER, actor, Role.LEAD, null, actor);
      }
      return put(em, project, kind, who, role, stage, actor);
    });
    if (lockOut) {
      audited(actor, "project.member.bind", project, ProjectMember.Kind.USER, actor, null,
          "lead (first binding of the project)");
    }
    audited(actor, "project.member.bind", project, kind, who, stage, role.id());
    return stored;
  }

  private ProjectMember put(EntityManager em, String project, ProjectMember.Kind kind, String name, Role role,
      Stage stage, String actor) {
    MemberEntity m = em.find(MemberEntity.class, new MemberEntity.Key(project, kind, name, stage));
    if (m == null) {
      m = new MemberEntity(project, kind, name, stage);
      m.createdBy = actor;
      m.createdAt = clock.millis();
      m.role = role.id();
      em.persist(m);
    } else {
      m.role = role.id();
    }
    return m.toMember();
  }

  @Override
  public boolean unbind(String project, ProjectMember.Kind kind, String name, Stage stage, String actor) {
    validate(project, kind, name);
    mayManage(actor, project, stage);
    String who = name.strip();
    boolean removed = tx.write(em -> {
      MemberEntity m = em.find(MemberEntity.class, new MemberEntity.Key(project, kind, who, stage));
      if (m != null) {
        em.remove(m);
      }
      return m != null;
    });
    if (removed) {
      audited(actor, "project.member.unbind", project, kind, who, stage, "");
    }
    return removed;
  }

  /** @return the actor's role on the project (stage), which must be lead or admin */
  private Role mayManage(String actor, String project, Stage stage) {
    Role mine = roleOn(actor, project, stage).orElse(null);
    if (mine == null || !mine.includes(Role.LEAD)) {
      throw new ForbiddenException("managing the members of project '" + project + "' needs the lead role there"
          + (mine == null ? "" : " (you are " + mine.id() + ")"));
    }
    return mine;
  }

  private static void validate(String project, ProjectMember.Kind kind, String name) {
    if (project == null || !PROJECT.matcher(project).matches()) {
      throw new InvalidInputException("project", "not a project name");
    }
    if (kind == null) {
      throw new InvalidInputException("kind", "user or group");
    }
    String n = name == null ? "" : name.strip();
    if (kind == ProjectMember.Kind.USER && !USERNAME.matcher(n).matches()) {
      throw new InvalidInputException("user", "not a user name");
    }
    if (kind == ProjectMember.Kind.GROUP && (n.isEmpty() || n.length() > 256 || n.chars().anyMatch(c -> c < 0x20))) {
      throw new InvalidInputException("group", "1-256 characters, no control characters");
    }
  }

  private void audited(String actor, String action, String project, ProjectMember.Kind kind, String name,
      Stage stage, String detail) {
    String target = project + "/" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name
        + (stage == null ? "" : "@" + MemberEntity.stageColumn(stage));
    audit.append(new AuditRecord(actor, action, target, "", AuditOutcome.SUCCESS, detail));
  }
}
