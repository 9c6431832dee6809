package dev.stoker.repository.internal;

import dev.stoker.api.secrets.ScopeChain;
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
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.ResourceTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.io.InputStream;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Repository;

/**
 * Moves projects between the repository and running environments through the adapter's gateway client:
 * pulls a project (and optionally a tag provider) as an import, and deploys a revision. The gateway's API key is read from the secret store at the moment of
 * use (an audited reveal).
 */
final class GatewayTransfer {
  private final Projects projects;
  private final Importer importer;
  private final Releases releases;
  private final Journal journal;
  private final Supplier<EnvironmentService> environments;
  private final Supplier<RemoteCredentials> secrets;
  private final Supplier<StagePolicy> stages;

  /**
   * @param environments the environment service now, or {@code null} when it is not installed
   * @param secrets reads secrets (never {@code null}; it fails when the secret store is missing)
   * @param stages the stage rules now, or {@code null} (then no API key is read: fail closed)
   */
  GatewayTransfer(Projects projects, Importer importer, Releases releases, Journal journal, Supplier<EnvironmentService> environments,
      Supplier<RemoteCredentials> secrets, Supplier<StagePolicy> stages) {
    this.stages = stages;
    this.projects = projects;
    this.importer = importer;
    this.releases = releases;
    this.journal = journal;
    this.environments = environments;
    this.secrets = secrets;
  }

  ImportResult importFromEnvironment(String project, String branch, String environment, String gatewayProject,
      String tagProvider, String apiKeySecret, String actor, String message) throws IOException {
    Repository repo = projects.existing(project);
    if (gatewayProject == null || gatewayProject.isBlank()) {
      throw new InvalidInputException("project: the name of the project on the gateway is required");
    }
    ResourceTree tree;
    byte[] tags = null;
    Environment env = runningEnvironment(environment);
    try (AdapterLease lease = projects.lease(repo)) {
      PlatformAdapter adapter = lease.adapter();
      GatewayClient client = client(adapter, env, apiKeySecret, actor);
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

  /**
   * Sends a revision's export (a release's stored bytes) to a running environment. The export is spooled and
   * read back through the codec, as the gateway will read it, before anything is sent: a truncated or
   * damaged artifact never reaches a gateway (imported with overwrite it could wipe the gateway's project).
   *
   * @return the SHA-256 of the bytes sent
   */
  String deploy(String project, String rev, String environment, String gatewayProject, String tagProvider,
      String apiKeySecret, String actor) throws IOException {
    Repository repo = projects.existing(project);
    String name = gatewayProject == null || gatewayProject.isBlank() ? project : gatewayProject;
    Importer.checkGatewayProjectName(name);
    Environment env = runningEnvironment(environment);
    StagePolicy policy = stages.get();
    if (policy == null) {
      throw new UnavailableException("the stage rules are not available to check the deploy");
    }
    policy.check(actor, project, env.spec().stage(), StageAction.DEPLOY);
    Path spool = Files.createTempFile("stoker-deploy-", ".zip");
    try {
      MessageDigest sha = sha256();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), sha)) {
        releases.export(project, rev, out);
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      Optional<byte[]> tags = tagProvider == null || tagProvider.isBlank() ? Optional.empty()
          : releases.exportTags(project, rev);
      try (AdapterLease lease = projects.lease(repo)) {
        PlatformAdapter adapter = lease.adapter();
        try (InputStream in = Files.newInputStream(spool)) {
          adapter.codec().decode(in); // the whole artifact must read back before it may replace anything
        }
        GatewayClient client = client(adapter, env, apiKeySecret, actor);
        // tags first: a gateway that cannot take them (Ignition 8.1 without the tag CI/CD module) refuses before
        // the project is touched
        if (tags.isPresent()) {
          lease.check();
          client.importTags(tagProvider, new ByteArrayInputStream(tags.get()), "MergeOverwrite");
        }
        lease.check();
        try (InputStream in = Files.newInputStream(spool)) {
          client.importProject(name, in, true);
        }
      }
      journal.audit(actor, "project.deploy", project, rev + " to environment " + env.spec().name() + " as " + name
          + " sha256 " + digest + (tags.isPresent() ? " with tags into " + tagProvider : ""));
      return digest;
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  private Environment runningEnvironment(String environment) {
    if (environment == null || environment.isBlank()) {
      throw new InvalidInputException("environment: required");
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
    return env;
  }

  /** A client for the environment's gateway; its API key is revealed for the actor under the stage's rules. */
  private GatewayClient client(PlatformAdapter adapter, Environment env, String apiKeySecret, String actor) {
    if (!adapter.descriptor().id().equals(env.spec().platform())) {
      throw new InvalidInputException("environment: runs " + env.spec().platform() + ", the project is "
          + adapter.descriptor().id());
    }
    String key = null;
    if (apiKeySecret != null && !apiKeySecret.isBlank()) {
      // the gateway's API key is read for the requester: the stage rules of the environment are theirs
      StagePolicy policy = stages.get();
      if (policy == null) {
        throw new UnavailableException("the stage rules are not available to read the gateway's API key");
      }
      policy.check(actor, env.spec().stage(), StageAction.USE_SECRET);
      key = secrets.get().textIn(new ScopeChain(null, env.spec().stage().name().toLowerCase(java.util.Locale.ROOT),
          env.id()), apiKeySecret, actor);
    }
    // the environment service knows the gateway's version and how to write into its data folder (Ignition 8.1)
    EnvironmentService envs = environments.get();
    if (envs == null) {
      throw new UnavailableException("the environment service is not available");
    }
    return adapter.gatewayClient(envs.gatewayEndpoint(env.id(), key));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
