package dev.stoker.pipelines.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.EnvironmentBackup;
import dev.stoker.api.environment.EnvironmentService;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Long environment work a step waits for: backups and restores, followed to their end. */
final class EnvironmentWork {
  private static final Duration POLL = Duration.ofMillis(500);

  private EnvironmentWork() {
  }

  /**
   * Takes a backup of a running environment and waits for it.
   *
   * @return the new backup's id
   */
  static String backup(EnvironmentService envs, String environmentId, String apiKeySecret, String actor,
      Duration timeout, BooleanSupplier cancelled) throws InterruptedException {
    Instant before = Instant.now().minusSeconds(1);
    Operation op = envs.backup(environmentId, apiKeySecret, actor);
    await(envs, op, timeout, cancelled);
    return envs.backups(environmentId, new PageRequest(0, 5)).items().stream()
        .filter(b -> !b.created().isBefore(before)).map(EnvironmentBackup::id).findFirst()
        .orElseThrow(() -> new IllegalStateException("the backup of " + environmentId + " ended but is not listed"));
  }

  /** Restores a backup into an environment and waits for it. */
  static void restore(EnvironmentService envs, String environmentId, String backup, String actor, Duration timeout,
      BooleanSupplier cancelled) throws InterruptedException {
    await(envs, envs.restore(environmentId, backup, actor), timeout, cancelled);
  }

  /** Waits for an operation to end; fails with its message unless it succeeded. */
  static void await(EnvironmentService envs, Operation op, Duration timeout, BooleanSupplier cancelled)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Operation now = op;
    while (!now.status().isDone()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(op.kind() + " did not end within " + timeout);
      }
      if (cancelled.getAsBoolean()) {
        throw new IllegalStateException("cancelled while waiting for " + op.kind());
      }
      Thread.sleep(POLL.toMillis()); // polling the operation's row: the environment service posts no callback
      now = envs.operation(op.id()).orElse(now);
    }
    if (now.status() != dev.stoker.api.common.OperationStatus.SUCCEEDED) {
      throw new IllegalStateException(op.kind() + " " + now.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
          + now.message());
    }
  }
}
