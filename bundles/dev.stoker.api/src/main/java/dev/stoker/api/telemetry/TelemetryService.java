package dev.stoker.api.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Gateway status and metric history of the running environments, and the exposition of Stoker's metrics for
 * Prometheus. The service polls every running environment's gateway on its own schedule; callers only read.
 *
 * <p>Threading: every method is safe for concurrent use; none waits for a gateway.
 */
@org.osgi.annotation.versioning.ProviderType
public interface TelemetryService {
  /** The label naming the environment on every gateway series. */
  String LABEL_ENVIRONMENT = "environment";

  /** @return the last poll of every running environment's gateway, ordered by environment id */
  List<GatewayStatus> gateways();

  /** @return the last poll of one environment's gateway, or empty when it is not polled */
  Optional<GatewayStatus> gateway(String environmentId);

  /**
   * @param environmentId the environment (the caller checks that it exists and may be seen)
   * @param query the range; its labels are narrowed to the environment
   * @return the environment's series of the metric (usually one; empty when nothing was recorded)
   * @throws dev.stoker.api.common.UnavailableException when the metrics store cannot answer
   */
  List<Series> history(String environmentId, RangeQuery query);

  /**
   * Writes every metric Stoker exposes (its own and the gateways') in the Prometheus text format.
   *
   * @return the content type of what was written
   */
  String writeMetrics(OutputStream out) throws IOException;

  /** @return whether the administrator lets anyone read {@link #writeMetrics} without credentials */
  boolean anonymousMetrics();

  /**
   * Counts one answered HTTP request of Stoker's API.
   *
   * @param method HTTP method
   * @param route the matched route template (never the raw path, to keep the series few), e.g.
   *     {@code environments/{id}}
   * @param status the answer's status code
   * @param duration how long the answer took
   */
  void recordRequest(String method, String route, int status, Duration duration);
}
