/**
 * Durable work queues: named queues of small work items (ids) that survive a stop or a crash of Stoker. An item
 * is acknowledged only after its handler returns, so work interrupted by a crash is delivered again at the next
 * start; handlers must therefore be idempotent. Provided on the embedded Artemis broker by the
 * {@code dev.stoker.queue} bundle; used by environment operations and pipeline runs.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.queue;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
