/**
 * Environments (gateway sandboxes and deployed gateways), their lifecycle states and the {@link dev.stoker.api.environment.RuntimeBackend} SPI that runs them.
 */
@Version("1.2.0")
@Export
package dev.stoker.api.environment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
