package dev.stoker.api.environment;

import dev.stoker.api.runtime.ContainerInfo;

/**
 * A container labelled as Stoker's that no live environment owns.
 *
 * @param runtimeHost host it runs on
 * @param container what the runtime reports
 * @param reason why it is an orphan (unknown environment id, environment destroyed, ...)
 */
public record Orphan(String runtimeHost, ContainerInfo container, String reason) {
}
