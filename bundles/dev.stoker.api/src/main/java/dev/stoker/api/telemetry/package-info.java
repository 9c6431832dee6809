/**
 * Telemetry: gateway status and metric history ({@link dev.stoker.api.telemetry.TelemetryService}) and the
 * {@link dev.stoker.api.telemetry.MetricsStore} SPI that keeps the samples (the relational store by default,
 * a time-series database for fleets), and alerting ({@link dev.stoker.api.telemetry.AlertService}).
 */
@Version("1.2.0")
@Export
package dev.stoker.api.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
