/**
 * Stoker's own backups: one consistent archive of the database, the project repositories, the blob store and
 * the configuration (and, only when asked, the keys, encrypted with a passphrase). Restoring one is an offline
 * step on a stopped, fresh install ({@code bin/stoker-restore}, see docs/admin.md).
 */
@Version("1.0.0")
@Export
package dev.stoker.api.backup;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
