package dev.stoker.api.pipeline;

import dev.stoker.api.environment.Environment;

/**
 * Where and how a revision is deployed.
 *
 * @param environment the environment
 * @param gatewayProject the project's name on the gateway
 * @param tagProvider the tag provider its tags go to, or {@code null}
 * @param apiKeySecret reference of the gateway's API key secret, or {@code null}
 */
public record DeployTarget(Environment environment, String gatewayProject, String tagProvider, String apiKeySecret) {
}
