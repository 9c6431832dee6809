/**
 * Environments (gateway sandboxes and deployed gateways) as callers see them: the
 * {@link dev.stoker.api.environment.EnvironmentService}, specs, lifecycle states, backups and uploaded
 * artifacts. The backend that runs them is the SPI in {@link dev.stoker.api.runtime}.
 */
@Version("2.2.0")
@Export
package dev.stoker.api.environment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
