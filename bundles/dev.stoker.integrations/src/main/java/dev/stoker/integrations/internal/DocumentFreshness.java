package dev.stoker.integrations.internal;

import dev.stoker.api.docs.DocumentService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Adds the route that keeps documents fresh on repository events ({@link DocumentFreshnessRoute}) while a
 * document service is there; when it goes, the route goes with it.
 */
@Component(immediate = true)
public class DocumentFreshness {
  private static final String SUBSCRIBER = "document freshness";
  private final StokerCamel camel;

  @Activate
  public DocumentFreshness(@Reference CamelRuntime runtime, @Reference DocumentService documents)
      throws Exception {
    this.camel = runtime.camel();
    camel.subscribe(SUBSCRIBER, new DocumentFreshnessRoute(documents), DocumentFreshnessRoute.QUEUE_URI);
  }

  @Deactivate
  void deactivate() {
    camel.unsubscribe(SUBSCRIBER, DocumentFreshnessRoute.ROUTE_ID);
  }
}
