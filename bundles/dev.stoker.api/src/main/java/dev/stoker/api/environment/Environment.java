package dev.stoker.api.environment;

import dev.stoker.api.common.Nullable;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * An environment as Stoker records it.
 *
 * @param id stable id
 * @param spec what was asked for
 * @param state current state
 * @param stateReason why it is in this state (always set for {@code FAILED})
 * @param runtimeHost id of the runtime host it runs on
 * @param endpoints port name → address reachable from Stoker
 * @param createdBy user that requested it
 * @param created when it was requested
 * @param updated when its state last changed
 */
public record Environment(String id, EnvironmentSpec spec, EnvironmentState state, @Nullable String stateReason,
    @Nullable String runtimeHost, Map<String, URI> endpoints, String createdBy, Instant created, Instant updated) {
  public Environment {
    endpoints = Map.copyOf(endpoints);
  }
}
