package dev.stoker.pipelines.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic rollback when a run fails after it promoted: every environment the run promoted to (a deployment
 * recorded with the backup taken before it) gets that backup restored and the release it had before deployed
 * again, with the rights of the user the run acted for.
 */
final class Rollbacks {
  private static final Logger LOG = LoggerFactory.getLogger(Rollbacks.class);
  static final String NO_BACKUP = "none";
  private static final Duration TIMEOUT = Duration.ofMinutes(15);

  private final RunStore store;
  private final Deps deps;
  private final Clock clock;

  Rollbacks(RunStore store, Deps deps, Clock clock) {
    this.store = store;
    this.deps = deps;
    this.clock = clock;
  }

  void afterFailure(RunEntity run, StepEntity failed, Consumer<String> log) {
    for (DeploymentEntity d : store.deploymentsOfRun(run.id)) {
      if (d.backupId == null || !"DEPLOYED".equals(d.status)) {
        continue; // only promotions roll back; a plain deploy stays for people to look at
      }
      try {
        rollBack(run, d, log);
      } catch (Exception e) {
        LOG.error("Rollback of {} on {} failed", run.id, d.environmentName, e);
        log.accept("FAILED on " + d.environmentName + ": " + e.getMessage() + " (the environment needs a person)");
        store.updateDeployment(d.id, x -> x.status = "FAILED");
      }
    }
  }

  private void rollBack(RunEntity run, DeploymentEntity d, Consumer<String> log) throws Exception {
    String actor = d.deployedBy;
    if (!NO_BACKUP.equals(d.backupId)) {
      log.accept("restoring backup " + d.backupId + " on " + d.environmentName);
      EnvironmentWork.restore(deps.envs(), d.environmentId, d.backupId, actor, TIMEOUT, () -> false);
    }
    DeploymentEntity previous = d.previousId == null ? null : store.deployment(d.previousId).orElse(null);
    if (previous != null) {
      String rev = previous.release != null ? previous.release : previous.commit;
      log.accept("deploying " + rev + " (deployment " + previous.id + ") on " + d.environmentName + " again");
      deps.repo().deploy(previous.project, rev, d.environmentId, previous.gatewayProject, previous.tagProvider,
          previous.apiKeySecret, actor);
      store.updateDeployment(previous.id, x -> {
        x.status = "DEPLOYED";
      });
    }
    store.updateDeployment(d.id, x -> x.status = "ROLLED_BACK");
    log.accept("rolled back " + d.environmentName + " at " + clock.instant());
  }
}
