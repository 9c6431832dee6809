/**
 * Telemetry records: gateway status samples, metric points and alerts.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
