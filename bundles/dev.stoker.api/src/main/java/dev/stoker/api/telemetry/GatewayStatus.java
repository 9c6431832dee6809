package dev.stoker.api.telemetry;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.platform.GatewayDiagnostic;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the last poll of a running environment's gateway found.
 *
 * @param environment environment id
 * @param name environment name
 * @param stage stage id (lower case), or empty
 * @param platform platform id
 * @param host runtime host id
 * @param up whether the gateway answered the last poll
 * @param checked when the last poll ended
 * @param lastUp when the gateway last answered, or {@code null} if it never did
 * @param state the state word the gateway reported, or empty when it did not answer
 * @param error why the last poll failed, or {@code null}; never carries the gateway's own text
 * @param metrics the metrics of the last answer by the platform's names (e.g. {@code memory.used.bytes})
 * @param diagnostics the labelled figures of the last answer (database connections, tag providers, alarms; since
 *     1.2), empty when the gateway offered none
 */
public record GatewayStatus(String environment, String name, String stage, String platform, String host,
    boolean up, Instant checked, @Nullable Instant lastUp, String state, @Nullable String error,
    Map<String, Double> metrics, List<GatewayDiagnostic> diagnostics) {
  public GatewayStatus {
    metrics = Map.copyOf(metrics);
    diagnostics = List.copyOf(diagnostics);
  }

  /** A status without diagnostics (the 1.1 form). */
  public GatewayStatus(String environment, String name, String stage, String platform, String host,
      boolean up, Instant checked, Instant lastUp, String state, String error,
      Map<String, Double> metrics) {
    this(environment, name, stage, platform, host, up, checked, lastUp, state, error, metrics, List.of());
  }
}
