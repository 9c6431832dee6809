package dev.stoker.api.telemetry;

import dev.stoker.api.common.Nullable;
/**
 * What a caller asks for when creating or replacing an alert rule; the service checks every field and fills
 * defaults (see {@link AlertRule}).
 *
 * @param name unique name, required
 * @param kind one of {@link AlertRule#KINDS}, required
 * @param environment environment id the rule is limited to, or {@code null} for every environment (pipeline
 *     rules: a project id, or {@code null} for every project)
 * @param metric a gateway series name such as {@code stoker_gateway_cpu_ratio}; only for the metric kinds
 * @param threshold the threshold the metric is compared with (metric kinds, required); for
 *     {@link AlertRule#VOLUME_FULL} the used ratio (default 0.9), for {@link AlertRule#SECRET_EXPIRING} the days
 *     ahead (default 14)
 * @param forSeconds how long the condition must hold before the alert fires (default 0)
 * @param severity {@code info}, {@code warning} (default) or {@code critical}
 * @param enabled whether the rule is evaluated (default {@code true})
 */
public record AlertRuleSpec(String name, String kind, @Nullable String environment, @Nullable String metric,
    @Nullable Double threshold, @Nullable Integer forSeconds, @Nullable String severity, @Nullable Boolean enabled) {
}
