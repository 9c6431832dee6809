package dev.stoker.pipelines.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.security.UserService;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The services the engine works with, each read when used (they are dynamic references): a missing one makes
 * the work that needs it fail with {@link UnavailableException}, naming it.
 */
record Deps(Supplier<RepositoryService> repository, Supplier<EnvironmentService> environments,
    Supplier<StagePolicy> stages, Supplier<UserService> users, Supplier<AuditLog> audit,
    Function<String, Optional<PipelineStep>> steps, Consumer<java.util.Map<String, Object>> events) {

  RepositoryService repo() {
    return need(repository.get(), "the repository");
  }

  EnvironmentService envs() {
    return need(environments.get(), "the environment service");
  }

  StagePolicy policy() {
    return need(stages.get(), "the stage rules");
  }

  UserService userService() {
    return need(users.get(), "the user service");
  }

  static <T> T need(T service, String what) {
    if (service == null) {
      throw new UnavailableException(what + " is not available");
    }
    return service;
  }
}
