/**
 * The secret service of Stoker's built-in encrypted store: what the REST layer, the shell and the
 * environment service call. Extends the {@link dev.stoker.api.secrets.SecretStore} SPI with scoped
 * reads, versions, rollback, rotation, leases and env-file templates.
 */
@Version("1.0.0")
@Export
package dev.stoker.secrets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
