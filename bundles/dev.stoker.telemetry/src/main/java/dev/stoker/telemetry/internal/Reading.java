package dev.stoker.telemetry.internal;

import dev.stoker.api.platform.GatewayDiagnostic;
import java.util.List;
import java.util.Map;

/**
 * What one poll of a gateway found.
 *
 * @param up whether the gateway reports itself usable
 * @param state the state word (the health probe's readiness, or the gateway's own word)
 * @param metrics metrics by the platform's names; empty when they could not be read
 * @param diagnostics the labelled figures (database connections, tag providers, alarms); empty when none
 * @param problem why part of the poll failed (no metrics, not ready), or {@code null}
 */
record Reading(boolean up, String state, Map<String, Double> metrics, List<GatewayDiagnostic> diagnostics,
    String problem) {
  Reading {
    metrics = Map.copyOf(metrics);
    diagnostics = List.copyOf(diagnostics);
  }

  Reading(boolean up, String state, Map<String, Double> metrics, String problem) {
    this(up, state, metrics, List.of(), problem);
  }
}
