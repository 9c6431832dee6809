package dev.stoker.pipelines.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.repository.RepositoryService;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the built-in steps work with; services are read when used (dynamic references). */
record StepServices(Supplier<RepositoryService> repository, Supplier<EnvironmentService> environments,
    Gateways gateways, Function<String, List<ProjectCheck>> checks) {

  RepositoryService repo() {
    return Deps.need(repository.get(), "the repository");
  }

  EnvironmentService envs() {
    return Deps.need(environments.get(), "the environment service");
  }

  /**
   * @return the environment a step works on: {@code with.environment}, else its stage's
   * @throws dev.stoker.api.common.InvalidInputException when neither names one that exists
   */
  Environment target(StepContext context, Settings settings) {
    String named = settings.text("environment", null);
    if (named != null) {
      return Environments.find(envs(), named).orElseThrow(() -> new dev.stoker.api.common.InvalidInputException(
          "with.environment", "environment '" + named + "' not found"));
    }
    return context.environment().orElseThrow(() -> new dev.stoker.api.common.InvalidInputException("environment",
        "stage '" + context.stage() + "' names no environment (or it does not exist) and the step sets none"));
  }
}
