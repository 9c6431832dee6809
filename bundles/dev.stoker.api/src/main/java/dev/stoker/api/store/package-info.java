/**
 * The relational store as Stoker's own bundles see it: {@link dev.stoker.api.store.Persistence} (a data
 * source that is migrated and ready, and EclipseLink units over it) and
 * {@link dev.stoker.api.store.Transactions}. Internal infrastructure: adapters do not need it, which is
 * why this package alone imports Jakarta Persistence.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
