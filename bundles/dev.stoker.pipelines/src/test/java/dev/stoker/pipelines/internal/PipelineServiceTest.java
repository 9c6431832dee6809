package dev.stoker.pipelines.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.Deployment;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.pipeline.RunStatus;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import dev.stoker.api.pipeline.StepStatus;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.repository.Revision;
import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import dev.stoker.api.store.Persistence;
import dev.stoker.queue.testing.TestBroker;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.OsgiConfigs;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service and its engine on H2 with the real approval, deploy and stage-rule code, and fakes for the
 * repository, environments and users (their own tests cover them).
 */
class PipelineServiceTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private final Map<String, String> files = new ConcurrentHashMap<>();
  private final List<String> deploys = new CopyOnWriteArrayList<>();
  private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
  private final Map<String, Role> roles = Map.of("ann", Role.ENGINEER, "lee", Role.LEAD, "lou", Role.LEAD,
      "ada", Role.ADMIN, "val", Role.VIEWER, "sam", Role.VIEWER);
  /** Members of the restricted project bound on one stage only: engineer there, viewer elsewhere. */
  private final Map<String, Stage> boundOn = Map.of("val", Stage.DEV, "sam", Stage.STAGING);
  private final Map<String, StepResult> results = new ConcurrentHashMap<>();
  private final AtomicInteger checkCalls = new AtomicInteger();
  private volatile CountDownLatch block;
  private volatile String blockOn;
  private Persistence persistence;
  private PipelineServiceImpl service;
  @TempDir
  Path brokerDir;
  private TestBroker broker;

  @BeforeEach
  void setUp() throws Exception {
    broker = TestBroker.start(brokerDir);
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    persistence = Standalone.open(ds);
    service = newService(Map.of());
  }

  @AfterEach
  void tearDown() throws Exception {
    service.close();
    broker.close();
  }

  private PipelineServiceImpl newService(Map<String, Object> config) {
    Map<String, Object> properties = new java.util.HashMap<>(Map.of("tickSeconds", 1));
    properties.putAll(config);
    PipelineServiceImpl s = new PipelineServiceImpl(persistence, OsgiConfigs.of(PipelinesConfig.class, properties),
        broker.queues().open(PipelineServiceImpl.QUEUE), Clock.systemUTC());
    s.repository = (repository());
    s.environments = (environments());
    s.users = (users());
    s.stages = (stages());
    s.audit = (auditLog());
    new BuiltInSteps().steps().stream().filter(x -> x.type().equals("approval"))
        .forEach(x -> s.addStep(x, Map.of()));
    s.addStep(new DeployStep(new StepServices(this::repository, this::environments, null, p -> List.of()), false),
        Map.of());
    s.addStep(new Probe("check", true), Map.of());
    s.addStep(new Probe("risky", false), Map.of());
    return s;
  }

  /** A test step: answers what {@link #results} says for its name (default success), optionally blocking. */
  private final class Probe implements PipelineStep {
    private final String type;
    private final boolean repeatable;

    Probe(String type, boolean repeatable) {
      this.type = type;
      this.repeatable = repeatable;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public void check(StepDefinition step) {
    }

    @Override
    public boolean repeatable() {
      return repeatable;
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
      checkCalls.incrementAndGet();
      context.log("probe " + context.step().name() + " for " + context.actingUser());
      CountDownLatch b = block;
      if (b != null && (blockOn == null || blockOn.equals(context.step().name()))) {
        b.await();
      }
      return results.getOrDefault(context.step().name(), StepResult.succeeded("fine"));
    }
  }

  private static final String PIPELINE = """
      stages:
        - name: validate
          steps:
            - {name: lint, type: check}
        - name: approval
          steps:
            - {name: approve, type: approval, with: {role: lead}}
        - name: staging
          environment: plant-staging
          steps:
            - {name: deploy-staging, type: deploy}
            - {name: smoke-staging, type: check}
      """;

  @Test
  void aRunWaitsForALeadNotTheAuthorThenDeploysWithTheApproversRights() {
    files.put("stoker/pipeline.yaml", PIPELINE);
    Run run = service.start("plant", "main", "ship it", "ann");
    Run waiting = awaitStatus(run.id(), RunStatus.WAITING_APPROVAL);
    assertEquals(StepStatus.SUCCEEDED, step(waiting, "lint").status());
    assertEquals(StepStatus.WAITING, step(waiting, "approve").status());

    ForbiddenException own = assertThrows(ForbiddenException.class,
        () -> service.decide(run.id(), "approval", Approval.Decision.APPROVE, null, false, "ann"));
    assertTrue(own.getMessage().contains("needs the role lead"), own.getMessage());
    ForbiddenException author = assertThrows(ForbiddenException.class,
        () -> service.decide(run.id(), "approval", Approval.Decision.APPROVE, null, true, "lou"));
    assertTrue(author.getMessage().contains("break-glass"), "lou wrote the commit: " + author.getMessage());
    assertThrows(InvalidInputException.class,
        () -> service.decide(run.id(), "staging", Approval.Decision.APPROVE, null, false, "lee"));
    assertTrue(deploys.isEmpty(), "nothing deployed before the approval");

    service.decide(run.id(), "approval", Approval.Decision.APPROVE, "looks good", false, "lee");
    Run done = awaitStatus(run.id(), RunStatus.SUCCEEDED);
    assertEquals(List.of("plant run-" + run.id().substring(0, 8) + " env-staging as plant by lee"), deploys);
    assertEquals("run-" + run.id().substring(0, 8), done.release());
    assertEquals("lee", done.approvals().get(0).user());
    Page<Deployment> history = service.deployments("plant-staging", null, PageRequest.first());
    assertEquals(1, history.total());
    assertEquals(List.of("lee"), history.items().get(0).approvedBy());
    assertEquals("lee", history.items().get(0).deployedBy());
    assertTrue(audit.stream().anyMatch(a -> a.action().equals("pipeline.approval.refused")
        && a.actor().equals("lou")));
    assertTrue(service.log(run.id(), "smoke-staging", 10_000).contains("probe smoke-staging for lee"));
  }

  @Test
  void aNewRevisionStartsARunOnlyOnAListedBranchAndForAPerson() {
    files.put("stoker/pipeline.yaml", """
        triggers:
          branches: [main]
        stages:
          - name: one
            steps:
              - {name: first, type: check}
        """);
    assertTrue(service.triggerOnRevision("plant", "feature", COMMIT, "ann").isEmpty(), "branch not listed");
    assertTrue(service.triggerOnRevision("plant", "main", COMMIT, "system").isEmpty(), "Stoker's own change");
    assertTrue(service.triggerOnRevision("plant", "main", COMMIT, null).isEmpty(), "no one's change");
    Run run = service.triggerOnRevision("plant", "main", COMMIT, "ann").orElseThrow();
    assertEquals("ann", run.startedBy(), "the run acts for the person who made the change");
    assertEquals("new revision on main", run.reason());
    awaitStatus(run.id(), RunStatus.SUCCEEDED);

    files.put("stoker/pipeline.yaml", PIPELINE); // no triggers
    assertTrue(service.triggerOnRevision("plant", "main", COMMIT, "ann").isEmpty(), "the file asks for none");
  }

  @Test
  void aRejectionEndsTheRunAndAFailedStepSkipsTheRestUntilRetried() {
    files.put("stoker/pipeline.yaml", PIPELINE);
    Run rejected = service.start("plant", null, null, "ann");
    awaitStatus(rejected.id(), RunStatus.WAITING_APPROVAL);
    service.decide(rejected.id(), "approval", Approval.Decision.REJECT, "not today", false, "lee");
    Run r = awaitStatus(rejected.id(), RunStatus.FAILED);
    assertEquals("rejected by lee: not today", step(r, "approve").summary());
    assertEquals(StepStatus.SKIPPED, step(r, "deploy-staging").status());

    results.put("lint", StepResult.failed("views/Main line 3: syntax error"));
    Run failing = service.start("plant", null, null, "ann");
    Run f = awaitStatus(failing.id(), RunStatus.FAILED);
    assertEquals(StepStatus.FAILED, step(f, "lint").status());
    assertEquals(StepStatus.SKIPPED, step(f, "approve").status());
    assertThrows(ConflictException.class, () -> service.decide(failing.id(), "approval",
        Approval.Decision.APPROVE, null, false, "lee"));

    results.remove("lint");
    service.retry(failing.id(), "ann");
    Run again = awaitStatus(failing.id(), RunStatus.WAITING_APPROVAL);
    assertEquals(2, step(again, "lint").attempts());
    service.cancel(failing.id(), "ann");
    Run cancelled = awaitStatus(failing.id(), RunStatus.CANCELLED);
    assertEquals(StepStatus.CANCELLED, step(cancelled, "deploy-staging").status());
    assertTrue(deploys.isEmpty());
  }

  @Test
  void cancelAndRetryNeedTheRoleOnTheStageTheRunIsAt() {
    files.put("stoker/pipeline.yaml", PIPELINE);
    Run waiting = service.start("plant", null, null, "ann");
    awaitStatus(waiting.id(), RunStatus.WAITING_APPROVAL);
    ForbiddenException e = assertThrows(ForbiddenException.class, () -> service.cancel(waiting.id(), "val"),
        "engineer on dev only: a viewer of the approval stage");
    assertTrue(e.getMessage().contains("you are viewer"), e.getMessage());
    assertEquals(RunStatus.WAITING_APPROVAL, service.run(waiting.id()).orElseThrow().status());

    results.put("smoke-staging", StepResult.failed("HTTP 500"));
    service.decide(waiting.id(), "approval", Approval.Decision.APPROVE, null, false, "lee");
    awaitStatus(waiting.id(), RunStatus.FAILED);
    e = assertThrows(ForbiddenException.class, () -> service.retry(waiting.id(), "val"));
    assertTrue(e.getMessage().contains("(staging)"), e.getMessage());
    assertEquals(RunStatus.FAILED, service.run(waiting.id()).orElseThrow().status(), "nothing was retried");
    assertTrue(audit.stream().noneMatch(a -> a.action().equals("pipeline.run.retry")));
    results.remove("smoke-staging");
    service.retry(waiting.id(), "sam"); // engineer on staging, the stage the retry starts from
    assertEquals(RunStatus.SUCCEEDED, awaitStatus(waiting.id(), RunStatus.SUCCEEDED).status());
  }

  @Test
  void aStepCutByAStopRunsAgainOnlyWhenRepeatable() throws Exception {
    files.put("stoker/pipeline.yaml", """
        stages:
          - name: one
            steps:
              - {name: first, type: check}
          - name: two
            steps:
              - {name: second, type: risky}
        """);
    block = new CountDownLatch(1);
    Run run = service.start("plant", null, null, "ann");
    await().atMost(Duration.ofSeconds(10)).until(() -> checkCalls.get() == 1);
    service.close(); // Stoker stops while "first" runs
    block = null;
    service = newService(Map.of());
    resume(service);
    await().atMost(Duration.ofSeconds(10)).until(() -> checkCalls.get() == 3); // first again, then second
    assertEquals(RunStatus.SUCCEEDED, awaitStatus(run.id(), RunStatus.SUCCEEDED).status());

    block = new CountDownLatch(1);
    blockOn = "second";
    Run risky = service.start("plant", null, null, "ann");
    await().atMost(Duration.ofSeconds(10)).until(() -> checkCalls.get() == 5); // first, then second blocks
    service.close();
    block = null;
    service = newService(Map.of());
    resume(service);
    Run failed = awaitStatus(risky.id(), RunStatus.FAILED);
    assertTrue(step(failed, "second").summary().contains("not repeated"), step(failed, "second").summary());
    assertEquals(5, checkCalls.get(), "the non-repeatable step did not run twice");
  }

  @Test
  void rollbackIsOneRunThatDeploysTheEarlierReleaseWithStageRules() {
    files.put("stoker/pipeline.yaml", PIPELINE);
    Run run = service.start("plant", null, null, "ann");
    awaitStatus(run.id(), RunStatus.WAITING_APPROVAL);
    service.decide(run.id(), "approval", Approval.Decision.APPROVE, null, false, "lee");
    awaitStatus(run.id(), RunStatus.SUCCEEDED);
    Deployment d = service.deployments(null, "plant", PageRequest.first()).items().get(0);

    assertThrows(ForbiddenException.class, () -> service.rollback(d.id(), null, "ann"),
        "an engineer cannot deploy to staging, not even by a rollback");
    Run back = service.rollback(d.id(), "bad batch", "lee");
    assertEquals(d.id(), back.rollbackOf());
    awaitStatus(back.id(), RunStatus.SUCCEEDED);
    assertEquals(2, deploys.size());
    assertEquals(deploys.get(0), deploys.get(1), "the same release, the same way");
  }

  @Test
  void aDeployOutsideItsWindowWaitsUntilAnAdminOverridesIt() {
    files.put("stoker/pipeline.yaml", """
        stages:
          - name: staging
            environment: plant-staging
            steps:
              - {name: deploy-staging, type: deploy, with: {window: {deny: ["* * * * *"]}}}
        """);
    Run run = service.start("plant", null, null, "lee");
    await().atMost(Duration.ofSeconds(10)).until(() ->
        step(service.run(run.id()).orElseThrow(), "deploy-staging").status() == StepStatus.WAITING);
    assertTrue(step(service.run(run.id()).orElseThrow(), "deploy-staging").summary().contains("deploys are denied"));
    assertThrows(ForbiddenException.class, () -> service.decide(run.id(), "staging",
        Approval.Decision.OVERRIDE_WINDOW, "urgent fix", false, "lou"), "a lead may not override");
    assertEquals("comment", assertThrows(InvalidInputException.class, () -> service.decide(run.id(), "staging",
        Approval.Decision.OVERRIDE_WINDOW, " ", false, "ada")).field());
    assertTrue(deploys.isEmpty());
    service.decide(run.id(), "staging", Approval.Decision.OVERRIDE_WINDOW, "line down, fix now", false, "ada");
    awaitStatus(run.id(), RunStatus.SUCCEEDED);
    assertEquals(1, deploys.size());
    assertTrue(deploys.get(0).endsWith("by lee"), "the override does not lend the admin's rights: " + deploys);
    assertTrue(audit.stream().anyMatch(a -> a.action().equals("pipeline.window.override") && a.actor().equals("ada")));
  }

  @Test
  void savesThePipelineAsACommitAndRefusesAnInvalidOne() {
    assertEquals(false, service.pipeline("plant", null).stored());
    InvalidInputException bad = assertThrows(InvalidInputException.class,
        () -> service.save("plant", "main", "stages:\n  - name: x\n    steps:\n      - type: nope\n", null, "ann"));
    assertEquals("stages[0].steps[0].type", bad.field());
    assertTrue(bad.getMessage().contains("line 4"), bad.getMessage());
    assertTrue(files.isEmpty(), "nothing written");
    service.save("plant", "main", PIPELINE, null, "ann");
    assertEquals(PIPELINE, files.get("stoker/pipeline.yaml"));
    assertEquals(true, service.pipeline("plant", null).stored());
  }

  private static void resume(PipelineServiceImpl s) {
    // what activation does once references are bound
    s.resume();
  }

  private Run awaitStatus(String id, RunStatus status) {
    await().atMost(Duration.ofSeconds(20)).until(() -> service.run(id).orElseThrow().status() == status);
    return service.run(id).orElseThrow();
  }

  private static dev.stoker.api.pipeline.StepRun step(Run run, String name) {
    return run.stages().stream().flatMap(s -> s.steps().stream()).filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow();
  }

  // ------------------------------------------------------------------ fakes

  private RepositoryService repository() {
    return proxy(RepositoryService.class, (m, a) -> switch (m) {
      case "get" -> Optional.of(new ProjectInfo("plant", "ignition", "", "main", COMMIT, Instant.EPOCH));
      case "log" -> new Page<>(List.of(new Revision(COMMIT, "lou", "change", Instant.EPOCH)), 0, 1, 1);
      case "file" -> Optional.ofNullable(files.get((String) a[2])).map(s -> s.getBytes(StandardCharsets.UTF_8));
      case "writeProjectFile" -> {
        files.put((String) a[2], new String((byte[]) a[3], StandardCharsets.UTF_8));
        yield new Revision(COMMIT, (String) a[5], "x", Instant.EPOCH);
      }
      case "release" -> new Release((String) a[1], COMMIT, (String) a[5], Instant.EPOCH, null, "ab".repeat(32));
      case "deploy" -> {
        deploys.add(a[0] + " " + a[1] + " " + a[2] + " as " + a[3] + " by " + a[6]);
        yield "ab".repeat(32);
      }
      default -> throw new UnsupportedOperationException(m);
    });
  }

  private EnvironmentService environments() {
    Environment staging = new Environment("env-staging", EnvironmentSpec.builder("plant-staging", "ignition",
        Stage.STAGING).build(), EnvironmentState.RUNNING, "", "local", Map.of("http", URI.create("http://127.0.0.1:1")),
        "lee", Instant.EPOCH, Instant.EPOCH);
    return proxy(EnvironmentService.class, (m, a) -> switch (m) {
      case "get" -> a[0].equals("env-staging") ? Optional.of(staging) : Optional.empty(); // by id only
      case "list" -> new Page<>(List.of(staging), 0, 1, 1);
      default -> throw new UnsupportedOperationException(m);
    });
  }

  private UserService users() {
    return proxy(UserService.class, (m, a) -> switch (m) {
      case "find" -> Optional.ofNullable(roles.get((String) a[0]))
          .map(r -> new User((String) a[0], r, Instant.EPOCH, "test", false));
      default -> throw new UnsupportedOperationException(m);
    });
  }

  /** Engineers deploy to dev and test; staging and prod need a lead (the shipped defaults). */
  private StagePolicy stages() {
    return proxy(StagePolicy.class, (m, x) -> switch (m) {
      case "roleOn" -> boundOn.containsKey((String) x[0])
          ? Optional.of(boundOn.get((String) x[0]) == x[2] ? Role.ENGINEER : Role.VIEWER)
          : Optional.ofNullable(roles.get((String) x[0]));
      case "check" -> {
        Object[] a = x.length == 4 ? new Object[] {x[0], x[2], x[3]} : x; // the project does not matter here
        Role role = roles.get((String) a[0]);
        Stage stage = (Stage) a[1];
        Role needed = stage == Stage.DEV || stage == Stage.TEST ? Role.ENGINEER : Role.LEAD;
        if (role == null || !role.includes(needed) || a[2] != StageAction.DEPLOY && a[2] != StageAction.USE_SECRET) {
          throw new ForbiddenException(a[2] + " on " + stage + " needs " + needed.id(), stage.name());
        }
        yield null;
      }
      default -> throw new UnsupportedOperationException(m);
    });
  }

  private AuditLog auditLog() {
    return proxy(AuditLog.class, (m, a) -> {
      if (m.equals("append")) {
        audit.add((AuditRecord) a[0]);
        return (AuditEntry) null;
      }
      throw new UnsupportedOperationException(m);
    });
  }

  private interface Handler {
    Object call(String method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (p, method, args) -> method.getDeclaringClass() == Object.class ? method.invoke(handler, args)
            : handler.call(method.getName(), args)));
  }
}
