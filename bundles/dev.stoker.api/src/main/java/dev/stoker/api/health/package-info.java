/**
 * Component health: services that report whether a part of Stoker works, aggregated by {@code GET /api/v1/health}.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
