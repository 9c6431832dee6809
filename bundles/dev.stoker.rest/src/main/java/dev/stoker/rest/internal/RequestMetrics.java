package dev.stoker.rest.internal;

import dev.stoker.api.telemetry.TelemetryService;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.function.Supplier;
import javax.annotation.Priority;
import javax.ws.rs.Path;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

/**
 * Counts every answered request by method, route template (the resource's {@code @Path}s, never the raw
 * path, so that ids do not multiply the series) and status, for {@code GET /metrics}. Runs first and last,
 * so refused requests count too; does nothing while telemetry is not installed.
 */
@Priority(Priorities.AUTHENTICATION - 100)
final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String STARTED = "stoker.started";
  private final Supplier<TelemetryService> telemetry;
  @Context
  private ResourceInfo resource;

  RequestMetrics(Supplier<TelemetryService> telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    TelemetryService service = telemetry.get();
    Object started = request.getProperty(STARTED);
    if (service == null || !(started instanceof Long nanos)) {
      return;
    }
    service.recordRequest(request.getMethod(), route(), response.getStatus(),
        Duration.ofNanos(System.nanoTime() - nanos));
  }

  private String route() {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method == null) {
      return "unmatched";
    }
    Path type = resource.getResourceClass().getAnnotation(Path.class);
    Path sub = method.getAnnotation(Path.class);
    String route = (type == null ? "" : type.value()) + (sub == null ? "" : "/" + sub.value());
    return route.replaceAll("/+", "/").replaceAll("^/|/$", "");
  }
}
