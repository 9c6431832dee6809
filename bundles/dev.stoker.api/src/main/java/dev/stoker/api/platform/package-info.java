/**
 * Platform adapters: the hot-plug point through which Stoker learns a SCADA platform. An adapter bundle registers a {@link dev.stoker.api.platform.PlatformAdapter} service; the core tracks these services dynamically.
 */
@Version("1.4.0")
@Export
package dev.stoker.api.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
