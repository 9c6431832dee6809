package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A project revision delivered onto an environment: what is deployed where, from which revision, approved
 * by whom.
 *
 * @param id deployment id
 * @param environment environment id
 * @param environmentName its name
 * @param stage its stage (lower case)
 * @param project the project
 * @param commit the commit deployed
 * @param release the release deployed, or {@code null}
 * @param artifactDigest SHA-256 of the bytes sent to the gateway
 * @param runId the run that deployed it
 * @param deployedBy the user whose rights the deploy used
 * @param approvedBy who approved the stage, in order
 * @param at when it finished
 * @param status {@code DEPLOYED}, {@code FAILED} or {@code ROLLED_BACK}
 */
public record Deployment(String id, String environment, String environmentName, String stage, String project,
    String commit, @Nullable String release, String artifactDigest, String runId, String deployedBy,
    List<String> approvedBy, Instant at, String status) {
  public Deployment {
    approvedBy = List.copyOf(approvedBy);
  }
}
