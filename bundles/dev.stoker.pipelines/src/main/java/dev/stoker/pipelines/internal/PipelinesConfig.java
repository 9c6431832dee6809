package dev.stoker.pipelines.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Stoker pipelines", description = "Pipeline runs: parallelism, waits, approvals.")
@interface PipelinesConfig {
  @AttributeDefinition(description = "Runs advanced at the same time (runs of different projects and "
      + "environments; a target environment serves one run at a time)")
  int parallelRuns() default 4;

  @AttributeDefinition(description = "Seconds between re-checks of waiting runs (approvals' timeouts, deploy "
      + "windows) and queued runs")
  int tickSeconds() default 15;

  @AttributeDefinition(description = "Whether an admin may approve a change they made themselves (break-glass, "
      + "audited). Off: separation of duties holds for everyone")
  boolean allowBreakGlass() default false;
}
