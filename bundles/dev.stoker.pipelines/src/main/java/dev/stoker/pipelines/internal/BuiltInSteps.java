package dev.stoker.pipelines.internal;

import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.security.StagePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Registers the built-in step types as {@link PipelineStep} services, beside any that adapter bundles register:
 * validate, deploy, promote, smoke, http-check, tag-check, gate, approval. The services they use are dynamic:
 * a step whose service is missing fails, naming it.
 */
@Component(immediate = true)
public class BuiltInSteps {
  private final List<ServiceRegistration<PipelineStep>> registrations = new ArrayList<>();
  private final StepTypes<ProjectCheck> checks = new StepTypes<>(ProjectCheck::platform);
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile RepositoryService repository;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile EnvironmentService environments;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile PlatformRegistry platforms;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile SecretService secrets;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile StagePolicy stages;

  @Activate
  void activate(BundleContext context) {
    for (PipelineStep step : steps()) {
      registrations.add(context.registerService(PipelineStep.class, step, null));
    }
  }

  /** @return the built-in steps over this component's references */
  List<PipelineStep> steps() {
    Gateways gateways = new Gateways(() -> platforms, () -> environments, () -> secrets, () -> stages);
    StepServices services = new StepServices(() -> repository, () -> environments, gateways, checks::all);
    return List.of(new ValidateStep(services, () -> platforms), new DeployStep(services, false),
        new DeployStep(services, true), new SmokeStep(services), new HttpCheckStep(services),
        new TagCheckStep(services), new GateStep(services), new ApprovalStep());
  }

  @Deactivate
  void deactivate() {
    registrations.forEach(r -> {
      try {
        r.unregister();
      } catch (IllegalStateException alreadyGone) {
        // the bundle is stopping
      }
    });
    registrations.clear();
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addCheck(ProjectCheck check, Map<String, Object> properties) {
    checks.add(check, StepTypes.ranking(properties));
  }

  void removeCheck(ProjectCheck check) {
    checks.remove(check);
  }
}
