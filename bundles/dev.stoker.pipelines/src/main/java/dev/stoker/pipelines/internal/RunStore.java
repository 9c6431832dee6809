package dev.stoker.pipelines.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.DeployTarget;
import dev.stoker.api.pipeline.Deployment;
import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.StageDefinition;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.pipeline.RunStatus;
import dev.stoker.api.pipeline.StageRun;
import dev.stoker.api.pipeline.StepRun;
import dev.stoker.api.pipeline.StepStatus;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The rows of runs, steps, approvals and deployments, and their records. */
final class RunStore {
  /** Statuses of runs that are not over. */
  static final List<String> ACTIVE = List.of(RunStatus.QUEUED.name(), RunStatus.RUNNING.name(),
      RunStatus.WAITING_APPROVAL.name());
  /** Most of a step's log kept: the tail of a longer one. */
  static final int MAX_LOG = 256 * 1024;
  private static final int MAX_TEXT = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Transactions tx;

  RunStore(Transactions tx) {
    this.tx = tx;
  }

  static String clip(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }

  void create(RunEntity run, List<StepEntity> steps) {
    tx.write(em -> {
      em.persist(run);
      steps.forEach(em::persist);
      return null;
    });
  }

  Optional<RunEntity> find(String id) {
    return Optional.ofNullable(tx.read(em -> em.find(RunEntity.class, id)));
  }

  RunEntity require(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("run '" + id + "' not found"));
  }

  /** Changes a run in one transaction (optimistic: a concurrent change makes this one fail). */
  RunEntity update(String id, Consumer<RunEntity> change) {
    return tx.write(em -> {
      RunEntity run = em.find(RunEntity.class, id);
      if (run == null) {
        throw new NotFoundException("run '" + id + "' not found");
      }
      change.accept(run);
      return run;
    });
  }

  List<StepEntity> steps(String runId) {
    return tx.read(em -> em.createQuery("SELECT s FROM StepEntity s WHERE s.runId = :r ORDER BY s.position",
        StepEntity.class).setParameter("r", runId).getResultList());
  }

  StepEntity updateStep(String stepId, Consumer<StepEntity> change) {
    return tx.write(em -> {
      StepEntity s = em.find(StepEntity.class, stepId);
      change.accept(s);
      return s;
    });
  }

  /** Appends lines to a step's log, keeping its tail when it grows past {@link #MAX_LOG}. */
  void appendLog(String stepId, String lines) {
    updateStep(stepId, s -> {
      String log = (s.log == null ? "" : s.log) + lines;
      if (log.length() > MAX_LOG) {
        log = "[... earlier lines dropped ...]\n" + log.substring(log.length() - MAX_LOG + 40);
      }
      s.log = log;
    });
  }

  List<String> activeRunIds() {
    return tx.read(em -> em.createQuery("SELECT r.id FROM RunEntity r WHERE r.status IN :s ORDER BY r.createdAt",
        String.class).setParameter("s", ACTIVE).getResultList());
  }

  Page<Run> list(String project, PageRequest page) {
    return tx.read(em -> {
      String where = project == null ? "" : " WHERE r.project = :p";
      var q = em.createQuery("SELECT r FROM RunEntity r" + where + " ORDER BY r.createdAt DESC, r.id", RunEntity.class);
      var c = em.createQuery("SELECT COUNT(r) FROM RunEntity r" + where, Long.class);
      if (project != null) {
        q.setParameter("p", project);
        c.setParameter("p", project);
      }
      List<Run> items = new ArrayList<>();
      for (RunEntity r : q.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()) {
        items.add(toRun(em, r));
      }
      return new Page<>(items, page.offset(), page.limit(), c.getSingleResult());
    });
  }

  Run run(String id) {
    return tx.read(em -> {
      RunEntity r = em.find(RunEntity.class, id);
      if (r == null) {
        throw new NotFoundException("run '" + id + "' not found");
      }
      return toRun(em, r);
    });
  }

  void addApproval(ApprovalEntity approval) {
    tx.write(em -> {
      em.persist(approval);
      return null;
    });
  }

  List<Approval> approvals(String runId) {
    return tx.read(em -> approvals(em, runId));
  }

  private static List<Approval> approvals(EntityManager em, String runId) {
    return em.createQuery("SELECT a FROM ApprovalEntity a WHERE a.runId = :r ORDER BY a.at, a.id",
        ApprovalEntity.class).setParameter("r", runId).getResultList().stream()
        .map(a -> new Approval(a.stage, a.user, Approval.Decision.valueOf(a.decision), a.comment,
            Instant.ofEpochMilli(a.at), a.breakGlass))
        .toList();
  }

  /**
   * Records that the run put its release on the target's environment; the deployment there before is marked
   * REPLACED.
   */
  Deployment recordDeployment(String runId, DeployTarget target, String digest, String backup, String actor,
      long at) {
    Environment env = target.environment();
    RunEntity run = require(runId);
    DeploymentEntity d = new DeploymentEntity();
    d.id = UUID.randomUUID().toString();
    d.environmentId = env.id();
    d.environmentName = env.spec().name();
    d.stage = env.spec().stage().name().toLowerCase(java.util.Locale.ROOT);
    d.project = run.project;
    d.commit = run.commit;
    d.release = run.release;
    d.digest = digest;
    d.runId = run.id;
    d.deployedBy = actor;
    d.approvedBy = approvals(run.id).stream().filter(a -> a.decision() == Approval.Decision.APPROVE)
        .map(Approval::user).distinct().collect(java.util.stream.Collectors.joining(","));
    d.at = at;
    d.status = "DEPLOYED";
    d.previousId = current(env.id()).map(p -> p.id).orElse(null);
    d.backupId = backup;
    d.gatewayProject = target.gatewayProject();
    d.tagProvider = target.tagProvider();
    d.apiKeySecret = target.apiKeySecret();
    if (d.previousId != null) {
      updateDeployment(d.previousId, p -> p.status = "REPLACED");
    }
    addDeployment(d);
    return toDeployment(d);
  }

  void addDeployment(DeploymentEntity d) {
    tx.write(em -> {
      em.persist(d);
      return null;
    });
  }

  DeploymentEntity updateDeployment(String id, Consumer<DeploymentEntity> change) {
    return tx.write(em -> {
      DeploymentEntity d = em.find(DeploymentEntity.class, id);
      if (d == null) {
        throw new NotFoundException("deployment '" + id + "' not found");
      }
      change.accept(d);
      return d;
    });
  }

  Optional<DeploymentEntity> deployment(String id) {
    return Optional.ofNullable(tx.read(em -> em.find(DeploymentEntity.class, id)));
  }

  /** @return the newest deployment of an environment still in place, if any */
  Optional<DeploymentEntity> current(String environmentId) {
    return tx.read(em -> em.createQuery("SELECT d FROM DeploymentEntity d WHERE d.environmentId = :e AND "
        + "d.status = 'DEPLOYED' ORDER BY d.at DESC, d.id", DeploymentEntity.class).setParameter("e", environmentId)
        .setMaxResults(1).getResultList().stream().findFirst());
  }

  List<DeploymentEntity> deploymentsOfRun(String runId) {
    return tx.read(em -> em.createQuery("SELECT d FROM DeploymentEntity d WHERE d.runId = :r ORDER BY d.at DESC",
        DeploymentEntity.class).setParameter("r", runId).getResultList());
  }

  Page<Deployment> deployments(String environmentId, String project, PageRequest page) {
    return tx.read(em -> {
      List<String> conditions = new ArrayList<>();
      if (environmentId != null) {
        conditions.add("d.environmentId = :e");
      }
      if (project != null) {
        conditions.add("d.project = :p");
      }
      String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
      var q = em.createQuery("SELECT d FROM DeploymentEntity d" + where + " ORDER BY d.at DESC, d.id",
          DeploymentEntity.class);
      var c = em.createQuery("SELECT COUNT(d) FROM DeploymentEntity d" + where, Long.class);
      if (environmentId != null) {
        q.setParameter("e", environmentId);
        c.setParameter("e", environmentId);
      }
      if (project != null) {
        q.setParameter("p", project);
        c.setParameter("p", project);
      }
      List<Deployment> items = q.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
          .map(RunStore::toDeployment).toList();
      return new Page<>(items, page.offset(), page.limit(), c.getSingleResult());
    });
  }

  static Deployment toDeployment(DeploymentEntity d) {
    return new Deployment(d.id, d.environmentId, d.environmentName, d.stage, d.project, d.commit, d.release,
        d.digest, d.runId, d.deployedBy, d.approvedBy.isEmpty() ? List.of() : Arrays.asList(d.approvedBy.split(",")),
        Instant.ofEpochMilli(d.at), d.status);
  }

  private static Run toRun(EntityManager em, RunEntity r) {
    List<StepEntity> steps = em.createQuery("SELECT s FROM StepEntity s WHERE s.runId = :r ORDER BY s.position",
        StepEntity.class).setParameter("r", r.id).getResultList();
    Map<Integer, List<StepEntity>> byStage = new LinkedHashMap<>();
    steps.forEach(s -> byStage.computeIfAbsent(s.stageIndex, k -> new ArrayList<>()).add(s));
    List<StageRun> stages = new ArrayList<>();
    for (List<StepEntity> group : byStage.values()) {
      List<StepRun> stepRuns = group.stream().map(RunStore::toStep).toList();
      stages.add(new StageRun(group.get(0).stage, group.get(0).environment, stageStatus(stepRuns), stepRuns));
    }
    return new Run(r.id, r.project, r.revision, r.commit, r.release, r.digest, RunStatus.valueOf(r.status),
        r.startedBy, r.reason, Instant.ofEpochMilli(r.createdAt), time(r.startedAt), time(r.endedAt), stages,
        approvals(em, r.id), r.rollbackOf);
  }

  private static StepRun toStep(StepEntity s) {
    return new StepRun(s.name, s.type, StepStatus.valueOf(s.status), time(s.startedAt), time(s.endedAt), s.summary,
        s.attempts);
  }

  /** A stage is as far as its least finished step: failed or cancelled wins, then running, waiting, pending. */
  static StepStatus stageStatus(List<StepRun> steps) {
    for (StepStatus s : List.of(StepStatus.FAILED, StepStatus.CANCELLED, StepStatus.RUNNING, StepStatus.WAITING)) {
      if (steps.stream().anyMatch(x -> x.status() == s)) {
        return s;
      }
    }
    if (steps.stream().allMatch(x -> x.status() == StepStatus.SKIPPED)) {
      return StepStatus.SKIPPED;
    }
    if (steps.stream().allMatch(x -> x.status().ended())) {
      return StepStatus.SUCCEEDED;
    }
    return steps.stream().anyMatch(x -> x.status().ended()) ? StepStatus.RUNNING : StepStatus.PENDING;
  }

  private static Instant time(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  static Map<String, String> outputs(StepEntity s) {
    if (s.outputs == null || s.outputs.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(s.outputs, new TypeReference<Map<String, String>>() { });
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  static String json(Map<String, String> outputs) {
    try {
      return JSON.writeValueAsString(outputs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the steps of a new run from a definition, all PENDING */
  static List<StepEntity> plan(String runId, PipelineDefinition definition) {
    List<StepEntity> steps = new ArrayList<>();
    int position = 0;
    for (int i = 0; i < definition.stages().size(); i++) {
      StageDefinition stage = definition.stages().get(i);
      for (StepDefinition d : stage.steps()) {
        StepEntity s = new StepEntity();
        s.id = UUID.randomUUID().toString();
        s.runId = runId;
        s.position = position++;
        s.stageIndex = i;
        s.stage = stage.name();
        s.environment = stage.environment();
        s.name = d.name();
        s.type = d.type();
        s.status = StepStatus.PENDING.name();
        s.attempts = 0;
        steps.add(s);
      }
    }
    return steps;
  }
}
