package dev.stoker.repository.internal;

import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Repository;

/**
 * Pulls a project (and optionally a tag provider) from a running environment through the adapter's gateway
 * client and records it as an import. The gateway's API key is read from the secret store at the moment of
 * use (an audited reveal).
 */
final class GatewayTransfer {
  private final Projects projects;
  private final Importer importer;
  private final Journal journal;
  private final Supplier<EnvironmentService> environments;
  private final Supplier<RemoteCredentials> secrets;
  private final Supplier<StagePolicy> stages;

  /**
   * @param environments the environment service now, or {@code null} when it is not installed
   * @param secrets reads secrets (never {@code null}; it fails when the secret store is missing)
   * @param stages the stage rules now, or {@code null} (then no API key is read: fail closed)
   */
  GatewayTransfer(Projects projects, Importer importer, Journal journal, Supplier<EnvironmentService> environments,
      Supplier<RemoteCredentials> secrets, Supplier<StagePolicy> stages) {
    this.stages = stages;
    this.projects = projects;
    this.importer = importer;
    this.journal = journal;
    this.environments = environments;
    this.secrets = secrets;
  }

  ImportResult importFromEnvironment(String project, String branch, String environment, String gatewayProject,
      String tagProvider, String apiKeySecret, String actor, String message) throws IOException {
    Repository repo = projects.existing(project);
    if (environment == null || environment.isBlank()) {
      throw new InvalidInputException("environment: required");
    }
    if (gatewayProject == null || gatewayProject.isBlank()) {
      throw new InvalidInputException("project: the name of the project on the gateway is required");
    }
    EnvironmentService envs = environments.get();
    if (envs == null) {
      throw new UnavailableException("the environment service is not available");
    }
    Environment env = envs.get(environment)
        .orElseThrow(() -> new InvalidInputException("environment: '" + environment + "' not found"));
    if (env.state() != EnvironmentState.RUNNING) {
      throw new ConflictException("environment: '" + environment + "' is " + env.state() + ", not RUNNING");
    }
    ResourceTree tree;
    byte[] tags = null;
    try (AdapterLease lease = projects.lease(repo)) {
      PlatformAdapter adapter = lease.adapter();
      if (!adapter.descriptor().id().equals(env.spec().platform())) {
        throw new InvalidInputException("environment: runs " + env.spec().platform() + ", the project is "
            + adapter.descriptor().id());
      }
      URI base = env.endpoints().get("http");
      if (base == null) {
        throw new ConflictException("environment: '" + environment + "' publishes no http endpoint");
      }
      String key = null;
      if (apiKeySecret != null && !apiKeySecret.isBlank()) {
        // the gateway's API key is read for the requester: the stage rules of the environment are theirs
        StagePolicy policy = stages.get();
        if (policy == null) {
          throw new UnavailableException("the stage rules are not available to read the gateway's API key");
        }
        policy.check(actor, env.spec().stage(), StageAction.USE_SECRET);
        key = secrets.get().text(apiKeySecret, actor);
      }
      GatewayClient client = adapter.gatewayClient(new GatewayEndpoint(base, key));
      try (InputStream export = client.exportProject(gatewayProject)) {
        tree = adapter.codec().decode(export);
      }
      lease.check();
      if (tagProvider != null && !tagProvider.isBlank()) {
        try (InputStream in = client.exportTags(tagProvider)) {
          tags = adapter.codec().decodeTags(in);
        }
        lease.check();
      }
    }
    ImportResult r = importer.commit(project, repo, branch, tree, tags, null, actor,
        message == null || message.isBlank() ? "Pull " + gatewayProject + " from environment " + env.spec().name()
            : message);
    journal.audit(actor, "project.import.environment", project, "from environment " + environment + " project "
        + gatewayProject + (tags == null ? "" : " tags " + tagProvider));
    return r;
  }
}
