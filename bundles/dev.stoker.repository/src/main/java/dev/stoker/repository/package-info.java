/**
 * The repository service: projects, imports, branches, history, browsing, semantic diff, merges with
 * conflict resolution, releases, exports and remote mirroring. Consumed by the REST and shell bundles.
 */
@Version("1.0.0")
@Export
package dev.stoker.repository;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
