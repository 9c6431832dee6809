/**
 * Generated documentation: change summaries, release notes and audit reports.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.docs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
