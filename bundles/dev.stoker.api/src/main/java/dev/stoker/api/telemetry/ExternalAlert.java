package dev.stoker.api.telemetry;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * An alert another system decided, as it posts it (the fields of an Alertmanager webhook alert).
 *
 * @param fingerprint the sender's stable id of the alert (labels hash); required
 * @param status {@value Alert#FIRING} or {@value Alert#RESOLVED}
 * @param labels its labels; {@code alertname} is required, {@code severity} ({@code info}, {@code warning},
 *     {@code critical}; anything else counts as warning) and {@code environment} (else {@code instance}, else
 *     {@code job}) are used when present
 * @param annotations its annotations; {@code summary} (else {@code description}) becomes the message
 * @param startsAt when it started, or {@code null}
 * @param endsAt when it ended (resolved ones), or {@code null}
 * @since 1.1
 */
public record ExternalAlert(String fingerprint, String status, Map<String, String> labels,
    Map<String, String> annotations, @Nullable Instant startsAt, @Nullable Instant endsAt) {
  public ExternalAlert {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
