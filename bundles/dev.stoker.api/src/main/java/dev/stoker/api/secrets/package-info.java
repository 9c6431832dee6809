/**
 * Secrets: the {@link dev.stoker.api.secrets.SecretStore} SPI, secret references and short-lived leases.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.secrets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
