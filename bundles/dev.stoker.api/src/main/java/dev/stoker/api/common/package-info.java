/**
 * Shared value types: pages of results and long-running operations.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.common;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
