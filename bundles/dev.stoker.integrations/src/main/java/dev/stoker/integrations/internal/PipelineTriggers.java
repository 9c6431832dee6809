package dev.stoker.integrations.internal;

import dev.stoker.api.pipeline.PipelineService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Adds the route that starts pipeline runs on repository events ({@link PipelineTriggerRoute}) while a pipeline
 * service is there; when it goes (its bundle stopped or updated), the route goes with it.
 */
@Component(immediate = true)
public class PipelineTriggers {
  private static final String SUBSCRIBER = "pipeline triggers";
  private final StokerCamel camel;

  @Activate
  public PipelineTriggers(@Reference CamelRuntime runtime, @Reference PipelineService pipelines) throws Exception {
    this.camel = runtime.camel();
    camel.subscribe(SUBSCRIBER, new PipelineTriggerRoute(pipelines), PipelineTriggerRoute.QUEUE_URI);
  }

  @Deactivate
  void deactivate() {
    camel.unsubscribe(SUBSCRIBER, PipelineTriggerRoute.ROUTE_ID);
  }
}
