/**
 * Versioned project repositories: the {@link dev.stoker.api.repository.RepositoryService} (projects,
 * imports, branches, semantic diffs and merges, releases, mirroring), its records, and the
 * content-addressed {@link dev.stoker.api.repository.BlobStore} SPI.
 */
@Version("2.2.0")
@Export
package dev.stoker.api.repository;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
