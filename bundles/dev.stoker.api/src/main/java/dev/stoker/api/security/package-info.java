/**
 * Principals, roles, API token scopes and the append-only audit log.
 */
@Version("2.3.0")
@Export
package dev.stoker.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
