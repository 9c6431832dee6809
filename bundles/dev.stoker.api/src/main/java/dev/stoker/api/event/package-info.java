/**
 * Domain events published on the event bus and the topics they travel on.
 */
@Version("2.3.0")
@Export
package dev.stoker.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
