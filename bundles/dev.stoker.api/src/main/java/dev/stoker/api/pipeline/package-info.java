/**
 * Pipelines that test and promote artifacts: step executors contributed by adapters and gates that hold promotions.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.pipeline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
