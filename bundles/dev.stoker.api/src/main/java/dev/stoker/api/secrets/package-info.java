/**
 * Secrets: the {@link dev.stoker.api.secrets.SecretService} callers use (write-only values, audited
 * reveals, versions, leases as files), scope references ({@link dev.stoker.api.secrets.Scopes}), and the
 * {@link dev.stoker.api.secrets.SecretStore} SPI that keeps values and versions for the service.
 */
@Version("2.2.0")
@Export
package dev.stoker.api.secrets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
