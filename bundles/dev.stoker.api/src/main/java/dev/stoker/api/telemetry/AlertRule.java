package dev.stoker.api.telemetry;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A stored alert rule. Kinds:
 * <ul>
 * <li>{@value #GATEWAY_DOWN}: a running environment's gateway has not answered its polls
 * ({@code stoker_gateway_up} 0) for {@code forSeconds};</li>
 * <li>{@value #METRIC_ABOVE} / {@value #METRIC_BELOW}: a gateway series has been above / below
 * {@code threshold} at every evaluation for {@code forSeconds};</li>
 * <li>{@value #PIPELINE_FAILED}: a pipeline run ended failed; resolves when a later run of the same project
 * succeeds;</li>
 * <li>{@value #VOLUME_FULL}: a gateway's data volume is fuller than {@code threshold} (a ratio, default 0.9) for
 * {@code forSeconds} ({@code stoker_gateway_volume_used_ratio});</li>
 * <li>{@value #SECRET_EXPIRING}: the latest version of a secret (a certificate, a licence) expires within
 * {@code threshold} days (default 14); one alert per secret, target {@code scope:path}; resolves when a new
 * version no longer expires that soon.</li>
 * </ul>
 * Alerts received from elsewhere (Alertmanager) have the kind {@value #EXTERNAL} and no stored rule.
 *
 * @param id id
 * @param name unique name
 * @param kind one of {@link #KINDS}
 * @param environment the environment (pipeline rules: project) it is limited to, or {@code null}
 * @param metric the series compared (metric kinds), else {@code null}
 * @param threshold the threshold (metric kinds), else {@code null}
 * @param forSeconds how long the condition must hold before firing
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param enabled whether it is evaluated
 * @param createdBy who created it
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record AlertRule(String id, String name, String kind, @Nullable String environment, @Nullable String metric,
    @Nullable Double threshold, int forSeconds, String severity, boolean enabled, String createdBy, Instant createdAt,
    Instant updatedAt) {
  /** Kind: gateway down. */
  public static final String GATEWAY_DOWN = "gateway-down";
  /** Kind: metric above a threshold. */
  public static final String METRIC_ABOVE = "metric-above";
  /** Kind: metric below a threshold. */
  public static final String METRIC_BELOW = "metric-below";
  /** Kind: pipeline run failed. */
  public static final String PIPELINE_FAILED = "pipeline-failed";
  /** Kind: a gateway's data volume nearly full. */
  public static final String VOLUME_FULL = "volume-full";
  /** Kind: a secret (certificate, licence) expiring. */
  public static final String SECRET_EXPIRING = "secret-expiring";
  /** Kind of alerts received from another system (Alertmanager); not a rule kind. */
  public static final String EXTERNAL = "external";
  /** Every rule kind. */
  public static final List<String> KINDS = List.of(GATEWAY_DOWN, METRIC_ABOVE, METRIC_BELOW, PIPELINE_FAILED,
      VOLUME_FULL, SECRET_EXPIRING);
  /** Every severity, least first. */
  public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
}
