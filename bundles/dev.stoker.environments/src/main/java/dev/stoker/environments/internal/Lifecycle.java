package dev.stoker.environments.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.Operation;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.runtime.RuntimeBackend;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/** Start, stop, restart and destroy: which state allows which, and the work each does. */
final class Lifecycle {
  private final Registries registries;
  private final EnvironmentStore store;
  private final Operations operations;
  private final Provisioner provisioner;
  private final SecretAccess secrets;

  Lifecycle(Registries registries, EnvironmentStore store, Operations operations, Provisioner provisioner,
      SecretAccess secrets) {
    this.registries = registries;
    this.store = store;
    this.operations = operations;
    this.provisioner = provisioner;
    this.secrets = secrets;
  }

  /** @return the states from which an action may be asked */
  static Set<EnvironmentState> allowedFrom(LifecycleAction action) {
    return switch (action) {
      case START -> EnumSet.of(EnvironmentState.STOPPED, EnvironmentState.FAILED);
      case STOP -> EnumSet.of(EnvironmentState.RUNNING, EnvironmentState.STARTING, EnvironmentState.FAILED);
      case RESTART -> EnumSet.of(EnvironmentState.RUNNING, EnvironmentState.FAILED, EnvironmentState.STOPPED);
      case DESTROY, DESTROY_WITH_VOLUME -> EnumSet.allOf(EnvironmentState.class);
    };
  }

  /** Queues an action; destroy is accepted while another operation is under way, the others are not (409). */
  Operation request(String id, LifecycleAction action, String actor) {
    EnvironmentEntity env = store.live(id);
    EnvironmentState state = EnvironmentStore.state(env);
    if (!allowedFrom(action).contains(state)) {
      throw new ConflictException("action: cannot " + action.id() + " an environment that is " + state);
    }
    boolean destroy = action == LifecycleAction.DESTROY || action == LifecycleAction.DESTROY_WITH_VOLUME;
    return operations.queueOn(env, OperationKind.of(action), actor, null, !destroy);
  }

  /** Carries out a queued action. */
  void perform(Work work, OperationEntity op, LifecycleAction action) throws Exception {
    String envId = op.target;
    String opId = op.id;
    String actor = op.startedBy;
    EnvironmentEntity env = store.load(envId);
    RuntimeBackend backend = registries.backend(env.runtimeHost);
    switch (action) {
      case STOP -> {
        operations.progress(opId, "stop", 30, "stopping the gateway");
        if (env.containerId != null) {
          backend.stop(env.containerId);
        }
        secrets.release(envId);
        store.moveTo(envId, EnvironmentState.STOPPED, "stopped by " + actor, true);
        operations.succeed(opId, "stopped");
      }
      case START, RESTART -> {
        // The container is rebuilt on the same data volume: secret files come from a new lease (so rotated
        // values reach the gateway) and an expired lease can never leave a dangling bind mount.
        provisioner.replaceContainers(envId, opId, "replacing the gateway container (data volume kept)");
        URI base = provisioner.provision(work, envId, opId);
        operations.succeed(opId, "running at " + base);
      }
      case DESTROY, DESTROY_WITH_VOLUME -> {
        operations.progress(opId, "remove", 40, "removing the container");
        Provisioner.removeContainers(backend, envId, false);
        if (action == LifecycleAction.DESTROY_WITH_VOLUME) {
          backend.removeVolume(env.volume);
        }
        secrets.release(envId);
        store.moveTo(envId, EnvironmentState.DESTROYED, "destroyed by " + actor
            + (action == LifecycleAction.DESTROY ? " (volume " + env.volume + " kept)" : ""), true);
        operations.succeed(opId, "destroyed");
      }
      default -> throw new IllegalStateException(action.id());
    }
  }
}
