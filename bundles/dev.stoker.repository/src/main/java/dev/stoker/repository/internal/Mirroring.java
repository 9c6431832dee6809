package dev.stoker.repository.internal;

import static dev.stoker.repository.internal.Revisions.SECTION;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.repository.BranchInfo;
import dev.stoker.api.repository.RemoteInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A project's mirror: the remote {@value #REMOTE} in the repository's configuration, the secret that
 * authenticates to it, push (fast-forward only) and pull (fast-forward, or the remote head fetched to
 * {@code refs/remotes/mirror/<branch>} for a merge). JGit's transport errors are logged and summarised;
 * their text never reaches the caller.
 */
final class Mirroring {
  private static final Logger LOG = LoggerFactory.getLogger(Mirroring.class);
  static final String REMOTE = "mirror";

  private final Projects projects;
  private final Journal journal;
  private final Supplier<RemoteCredentials> credentials;
  private final RemotePolicy policy;

  /**
   * @param credentials the credentials now (never {@code null}; they fail when the secret store is missing)
   * @param policy which URLs a mirror may have
   */
  Mirroring(Projects projects, Journal journal, Supplier<RemoteCredentials> credentials, RemotePolicy policy) {
    this.projects = projects;
    this.journal = journal;
    this.credentials = credentials;
    this.policy = policy;
  }

  RemoteInfo set(String project, String url, String secret, String actor) {
    Repository repo = projects.existing(project);
    boolean withSecret = secret != null && !secret.isBlank();
    policy.check(url, withSecret);
    if (withSecret) {
      RemoteCredentials.checkReference(secret);
    }
    try {
      StoredConfig c = repo.getConfig();
      if (!url.equals(c.getString("remote", REMOTE, "url"))) {
        // A new remote: its SSH host key is trusted anew on first use.
        c.unset(SECTION, null, RemoteCredentials.HOST_KEY);
      }
      c.setString("remote", REMOTE, "url", url);
      c.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/" + REMOTE + "/*");
      // A redirect would reach a host the policy never saw (e.g. the metadata address).
      c.setBoolean("http", null, "followRedirects", false);
      if (secret == null || secret.isBlank()) {
        c.unset(SECTION, null, "remoteSecret");
      } else {
        c.setString(SECTION, null, "remoteSecret", secret);
      }
      c.save();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    journal.audit(actor, "project.remote.set", project, RemoteCredentials.redact(url));
    return get(project).orElseThrow();
  }

  Optional<RemoteInfo> get(String project) {
    StoredConfig c = projects.existing(project).getConfig();
    String url = c.getString("remote", REMOTE, "url");
    return url == null ? Optional.empty() : Optional.of(new RemoteInfo(url, c.getString(SECTION, null, "remoteSecret")));
  }

  BranchInfo push(String project, String branch, String actor) {
    Repository repo = projects.existing(project);
    String b = Revisions.orDefault(repo, branch);
    ObjectId head = Revisions.headOf(repo, b).orElseThrow(() -> new NotFoundException("branch '" + b + "' not found"));
    RemoteInfo remote = required(project);
    RemoteCredentials creds = credentials.get();
    try (Git git = Git.wrap(repo); SshTransports ssh = creds.ssh(repo, remote.secret(), actor)) {
      Iterable<PushResult> results = git.push().setRemote(REMOTE)
          .setRefSpecs(new RefSpec(Constants.R_HEADS + b + ":" + Constants.R_HEADS + b))
          .setTransportConfigCallback(ssh == null ? null : ssh.callback())
          .setCredentialsProvider(ssh == null ? creds.credentials(remote.secret(), actor) : null).call();
      for (PushResult r : results) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          switch (u.getStatus()) {
            case OK, UP_TO_DATE -> {
            }
            case REJECTED_NONFASTFORWARD -> throw new ConflictException("branch: the remote's '" + b
                + "' has commits this project lacks; pull first");
            default -> {
              // The remote's own text is for the log: it may carry anything the server chose to say.
              LOG.warn("Mirror push of {} refused: {} {}", b, u.getStatus(), u.getMessage());
              throw new ConflictException("remote: push of '" + b + "' refused by the remote (" + u.getStatus()
                  + ")");
            }
          }
        }
      }
    } catch (GitAPIException e) {
      throw failed("push to", remote.url(), e);
    }
    journal.audit(actor, "project.remote.push", project + "@" + b, head.name() + " to "
        + RemoteCredentials.redact(remote.url()));
    return new BranchInfo(b, head.name());
  }

  BranchInfo pull(String project, String branch, String actor) {
    Repository repo = projects.existing(project);
    String b = Revisions.orDefault(repo, branch);
    RemoteInfo remote = required(project);
    ObjectId fetched = fetch(repo, b, remote, actor);
    Optional<ObjectId> local = Revisions.headOf(repo, b);
    try (RevWalk walk = new RevWalk(repo)) {
      if (local.isPresent()) {
        if (walk.isMergedInto(walk.parseCommit(fetched), walk.parseCommit(local.get()))) {
          return new BranchInfo(b, local.get().name());
        }
        if (!walk.isMergedInto(walk.parseCommit(local.get()), walk.parseCommit(fetched))) {
          throw new ConflictException("branch: '" + b + "' and the remote's have diverged; merge "
              + REMOTE + "/" + b + " first (it was fetched)");
        }
      }
      Commits.moveRef(repo, Constants.R_HEADS + b, local.orElse(null), fetched, "pull by " + actor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    journal.audit(actor, "project.remote.pull", project + "@" + b, fetched.name() + " from "
        + RemoteCredentials.redact(remote.url()));
    return new BranchInfo(b, fetched.name());
  }

  /** Fetches the remote's branch to {@code refs/remotes/mirror/<branch>}; @return its head */
  private ObjectId fetch(Repository repo, String branch, RemoteInfo remote, String actor) {
    RemoteCredentials creds = credentials.get();
    try (Git git = Git.wrap(repo); SshTransports ssh = creds.ssh(repo, remote.secret(), actor)) {
      FetchResult result = git.fetch().setRemote(REMOTE)
          .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + Constants.R_REMOTES + REMOTE + "/" + branch))
          .setTransportConfigCallback(ssh == null ? null : ssh.callback())
          .setCredentialsProvider(ssh == null ? creds.credentials(remote.secret(), actor) : null).call();
      Ref fetched = result.getAdvertisedRef(Constants.R_HEADS + branch);
      if (fetched == null) {
        throw new NotFoundException("branch '" + branch + "' not found on the remote");
      }
      return fetched.getObjectId();
    } catch (GitAPIException e) {
      throw failed("fetch from", remote.url(), e);
    }
  }

  /** @return the project's remote, checked again: its host may resolve elsewhere now, or the policy changed */
  private RemoteInfo required(String project) {
    RemoteInfo remote = get(project).orElseThrow(() -> new ConflictException(
        "remote: project " + project + " has no remote; PUT /projects/" + project + "/remote first"));
    policy.check(remote.url(), remote.secret() != null && !remote.secret().isBlank());
    return remote;
  }

  /** A transport failure as a conflict whose message says what went wrong without JGit's own text. */
  private static ConflictException failed(String what, String url, GitAPIException e) {
    String where = RemoteCredentials.redact(url);
    LOG.warn("Mirror {} {} failed: {}", what, where, e.toString());
    String reason = e instanceof TransportException ? reason(e) : "the Git operation failed (see the log)";
    return new ConflictException("remote: " + what + " " + where + " failed: " + reason, e);
  }

  /** @return a short reason for a transport failure, judged from its causes */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (t instanceof NoRemoteRepositoryException) {
        return "there is no repository at that URL";
      }
      if (t instanceof UnknownHostException || t instanceof ConnectException) {
        return "the remote cannot be reached";
      }
      if (text.contains("server key") || text.contains("host key")) {
        return "the server's SSH host key is not the pinned one (set the remote again to trust a new key)";
      }
      if (text.contains("not authorized") || text.contains("auth")) {
        return "the remote refused the credentials (check the secret)";
      }
    }
    return "the transport failed (see the log)";
  }
}
