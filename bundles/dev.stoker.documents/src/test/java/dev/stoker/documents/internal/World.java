package dev.stoker.documents.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.Deployment;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.pipeline.RunStatus;
import dev.stoker.api.pipeline.StageRun;
import dev.stoker.api.pipeline.StepRun;
import dev.stoker.api.pipeline.StepStatus;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.api.repository.Revision;
import dev.stoker.api.repository.TreeListing;
import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.ChainVerification;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import dev.stoker.testing.Fakes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small plant project as the services around the document engine answer for it: three commits, two releases,
 * a pipeline run with tests and an approval, a deployment, a secret rotation, users of every role. The
 * repository, pipelines and security bundles test their own services; here they are fakes with fixed answers.
 */
final class World {
  static final String C1 = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345601";
  static final String C2 = "b2c3d4e5f60718293a4b5c6d7e8f901234560202";
  static final String C3 = "c3d4e5f60718293a4b5c6d7e8f90123456030303";
  static final String MAIN = "com.inductiveautomation.perspective/views/Main";
  static final String HEADER = "com.inductiveautomation.perspective/views/Header";
  static final String SCRIPT = "ignition/script-python/recipes";
  static final String QUERY = "ignition/named-query/GetRecipes";
  static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
  static final String RUN = "3f0c2d9e-0000-4000-8000-000000000001";

  final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
  final Map<String, Role> roles = Map.of("ann", Role.ENGINEER, "lee", Role.LEAD, "vic", Role.VIEWER, "ada",
      Role.ADMIN);
  volatile boolean auditDown;

  final List<Revision> log = List.of(
      new Revision(C3, "ann", "Rename the speed label\n\nOperators asked for units", T0.plusSeconds(7200)),
      new Revision(C2, "bob", "Add the recipe script", T0.plusSeconds(3600)),
      new Revision(C1, "ann", "Import the line 3 project", T0));

  RepositoryService repository() {
    return Fakes.of(RepositoryService.class, Map.of(
        "get", a -> "plant".equals(a[0]) ? Optional.of(new ProjectInfo("plant", "ignition", null, "main", C3, T0))
            : Optional.empty(),
        "tree", a -> new TreeListing(commitOf((String) a[1]), List.of(), true),
        "log", a -> {
          int from = log.stream().map(Revision::id).toList().indexOf(commitOf((String) a[1]));
          List<Revision> items = log.subList(from, log.size());
          return new Page<>(items, 0, ((PageRequest) a[2]).limit(), items.size());
        },
        "diff", a -> List.of(
            new ResourceDiff(MAIN, null, ChangeKind.MODIFIED, List.of(
                new PropertyChange("/root/children/0/props/text", "Speed", "Speed (rpm)"),
                new PropertyChange("/params/dbPassword", "hunter2", "correct-horse")), null),
            new ResourceDiff(SCRIPT, null, ChangeKind.ADDED, List.of(), null)),
        "releases", a -> List.of(new Release("v1", C1, "lee", T0.plusSeconds(60), null, "ab".repeat(32)),
            new Release("v2", C3, "lee", T0.plusSeconds(7260), "dev-1", "cd".repeat(32))),
        "read", a -> tree()));
  }

  private static String commitOf(String rev) {
    return switch (rev) {
      case "main", "HEAD", C3, "v2" -> C3;
      case C2 -> C2;
      case C1, "v1" -> C1;
      default -> throw new dev.stoker.api.common.NotFoundException("revision '" + rev + "' not found");
    };
  }

  static ResourceTree tree() {
    TreeMap<String, Resource> resources = new TreeMap<>();
    resources.put(MAIN, Resource.of(MAIN, "com.inductiveautomation.perspective/views", Map.of("view.json",
        bytes("{\"root\":{\"children\":[{\"type\":\"ia.display.view\",\"props\":{\"path\":\"Header\"}}]}}"))));
    resources.put(HEADER, Resource.of(HEADER, "com.inductiveautomation.perspective/views", Map.of("view.json",
        bytes("{\"root\":{}}"))));
    resources.put(SCRIPT, Resource.of(SCRIPT, "ignition/script-python", Map.of("code.py",
        bytes("def load():\n    return system.db.runNamedQuery('GetRecipes', {})\n"))));
    resources.put(QUERY, Resource.of(QUERY, "ignition/named-query", Map.of("query.sql",
        bytes("SELECT * FROM recipes"))));
    byte[] tags = bytes("{\"tags\":[{\"name\":\"Motor\",\"tagType\":\"UdtType\",\"tags\":[{\"name\":\"Amps\","
        + "\"tagType\":\"AtomicTag\"}]},{\"name\":\"Line3\",\"tagType\":\"Folder\",\"tags\":[{\"name\":\"M1\","
        + "\"tagType\":\"UdtInstance\",\"typeId\":\"Motor\"},{\"name\":\"Speed\",\"tagType\":\"AtomicTag\"}]}]}");
    return new ResourceTree(bytes("{}"), resources, tags);
  }

  static Run run() {
    return new Run(RUN, "plant", "v2", C3, "v2", null, RunStatus.SUCCEEDED, "ann", "release v2",
        T0.plusSeconds(7300), T0.plusSeconds(7301), T0.plusSeconds(7900), List.of(
            new StageRun("test", null, StepStatus.SUCCEEDED, List.of(
                new StepRun("validate", "validate", StepStatus.SUCCEEDED, null, null, "14 scripts compiled", 1),
                new StepRun("smoke", "http-check", StepStatus.SUCCEEDED, null, null, "GET /StatusPing 200", 1))),
            new StageRun("prod", "prod-1", StepStatus.SUCCEEDED, List.of(
                new StepRun("deploy", "deploy", StepStatus.SUCCEEDED, null, null, "deployed", 1)))),
        List.of(new Approval("prod", "lee", Approval.Decision.APPROVE, "checked the label", T0.plusSeconds(7500),
            false)), null);
  }

  PipelineService pipelines() {
    Deployment d = new Deployment("dep-1", "env-1", "prod-1", "prod", "plant", C3, "v2", "ef".repeat(32), RUN,
        "ann", List.of("lee"), T0.plusSeconds(7800), "succeeded");
    return Fakes.of(PipelineService.class, Map.of(
        "run", a -> RUN.equals(a[0]) ? Optional.of(run()) : Optional.empty(),
        "runs", a -> new Page<>(List.of(run()), 0, 100, 1),
        "deployments", a -> new Page<>(List.of(d), 0, 100, 1)));
  }

  UserService users() {
    return Fakes.of(UserService.class, Map.of("find", a -> Optional.ofNullable(roles.get((String) a[0]))
        .map(r -> new User((String) a[0], r, T0, "ada", false))));
  }

  AuditLog auditLog() {
    AuditEntry rotation = new AuditEntry(7, T0.plusSeconds(600), new AuditRecord("lee", "secret.rotate",
        "project:plant/db/password", "", AuditOutcome.SUCCESS, "version 2 generated"), "x", "y");
    return Fakes.of(AuditLog.class, Map.of(
        "append", a -> {
          if (auditDown) {
            throw new dev.stoker.api.common.UnavailableException("audit log down");
          }
          audit.add((AuditRecord) a[0]);
          return null;
        },
        "verify", a -> new ChainVerification(true, 42, null, null),
        "find", a -> new Page<>(List.of(rotation), 0, 100, 1)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
