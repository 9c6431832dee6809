package dev.stoker.pipelines.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import java.util.Optional;

/** Finds an environment as pipeline files name it: by id, else by the name of the live one. */
final class Environments {
  private Environments() {
  }

  /** @return the stage of the environment a pipeline stage deploys to, or {@code null} when there is none */
  static Stage stageOf(EnvironmentService envs, String environment) {
    if (environment == null || environment.isBlank() || envs == null) {
      return null;
    }
    return find(envs, environment).map(e -> e.spec().stage()).orElse(null);
  }

  static Optional<Environment> find(EnvironmentService envs, String nameOrId) {
    Optional<Environment> byId = envs.get(nameOrId);
    if (byId.isPresent()) {
      return byId;
    }
    int offset = 0;
    while (true) {
      Page<Environment> page = envs.list(new PageRequest(offset, PageRequest.MAX_LIMIT));
      for (Environment e : page.items()) {
        if (e.spec().name().equals(nameOrId) && e.state() != EnvironmentState.DESTROYED) {
          return Optional.of(e);
        }
      }
      if (!page.hasMore()) {
        return Optional.empty();
      }
      offset += page.items().size();
    }
  }
}
