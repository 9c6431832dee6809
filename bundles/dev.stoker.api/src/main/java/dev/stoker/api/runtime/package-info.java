/**
 * The runtime SPI: a {@link dev.stoker.api.runtime.RuntimeBackend} runs containers on one runtime host
 * (a Docker engine today, a Kubernetes cluster later). The environment service drives it; callers never
 * use it directly.
 */
@Version("1.2.0")
@Export
package dev.stoker.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
