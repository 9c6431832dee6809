/**
 * Versioned project repositories, semantic diffs and merges, releases, and the content-addressed {@link dev.stoker.api.repository.BlobStore} SPI.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.repository;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
