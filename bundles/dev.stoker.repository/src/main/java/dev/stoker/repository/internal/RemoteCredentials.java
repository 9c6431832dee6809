package dev.stoker.repository.internal;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.common.ConflictException;

import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretService;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Push and fetch to a project's mirror. HTTPS remotes authenticate with an API token read from the secret
 * store at the moment of use (the reveal is audited there); the value is never stored in the repository's
 * configuration or logged.
 *
 * @param service the secret service, or {@code null} when it is not installed
 */
record RemoteCredentials(SecretService service) {

  static void checkUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidInputException("url: required");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("url: not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!List.of("https", "http", "file", "ssh").contains(scheme)) {
      throw new InvalidInputException("url: use https:// or ssh:// (or http:// and file:// for local mirrors)");
    }
    String user = uri.getUserInfo();
    if (user != null && (!scheme.equals("ssh") || user.contains(":"))) {
      throw new InvalidInputException("url: no credentials in the URL; name a secret instead");
    }
  }

  static boolean isSsh(String url) {
    return url.startsWith("ssh://");
  }

  static void checkReference(String reference) {
    int colon = reference.lastIndexOf(':');
    if (colon <= 0) {
      throw new InvalidInputException("secret: a reference such as workspace:git/token");
    }
    Scopes.parse(reference.substring(0, colon));
    Scopes.checkPath(reference.substring(colon + 1));
  }

  static String redact(String url) {
    return url.replaceAll("//[^/@]*@", "//***@");
  }

  /** Pins the SSH host key of a remote in the repository's configuration. */
  static final String HOST_KEY = "remoteHostKey";

  private SshTransports ssh(Repository repo, String secret, String actor) {
    String url = repo.getConfig().getString("remote", "mirror", "url");
    if (url == null || !isSsh(url)) {
      return null;
    }
    if (secret == null || secret.isBlank()) {
      throw new InvalidInputException("secret: an ssh:// remote needs a secret holding an SSH private key");
    }
    try {
      Class.forName("org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder", false,
          RemoteCredentials.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConflictException("remote: SSH remotes need the stoker-jgit-ssh feature; an admin runs "
          + "feature:install stoker-jgit-ssh", e);
    }
    byte[] key = bytes(secret, actor);
    try {
      return new SshTransports(key, () -> repo.getConfig().getString("stoker", null, HOST_KEY), seen -> {
        repo.getConfig().setString("stoker", null, HOST_KEY, seen);
        try {
          repo.getConfig().save();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  void push(Repository repo, String remote, String branch, String secret, String actor) {
    try (Git git = Git.wrap(repo); SshTransports ssh = ssh(repo, secret, actor)) {
      Iterable<PushResult> results = git.push().setRemote(remote)
          .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch))
          .setTransportConfigCallback(ssh == null ? null : ssh.callback())
          .setCredentialsProvider(ssh == null ? credentials(secret, actor) : null).call();
      for (PushResult r : results) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          switch (u.getStatus()) {
            case OK, UP_TO_DATE -> {
            }
            case REJECTED_NONFASTFORWARD -> throw new ConflictException("branch: the remote's '" + branch
                + "' has commits this project lacks; pull first");
            default -> throw new ConflictException("remote: push of '" + branch + "' refused: " + u.getStatus()
                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
          }
        }
      }
    } catch (TransportException e) {
      throw new ConflictException("remote: " + e.getMessage(), e);
    } catch (GitAPIException e) {
      throw new ConflictException("remote: push failed: " + e.getMessage(), e);
    }
  }

  ObjectId fetch(Repository repo, String remote, String branch, String secret, String actor) {
    try (Git git = Git.wrap(repo); SshTransports ssh = ssh(repo, secret, actor)) {
      FetchResult result = git.fetch().setRemote(remote)
          .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/remotes/" + remote + "/" + branch))
          .setTransportConfigCallback(ssh == null ? null : ssh.callback())
          .setCredentialsProvider(ssh == null ? credentials(secret, actor) : null).call();
      Ref fetched = result.getAdvertisedRef("refs/heads/" + branch);
      if (fetched == null) {
        throw new java.util.NoSuchElementException("branch '" + branch + "' not found on the remote");
      }
      return fetched.getObjectId();
    } catch (TransportException e) {
      throw new ConflictException("remote: " + e.getMessage(), e);
    } catch (GitAPIException e) {
      throw new ConflictException("remote: fetch failed: " + e.getMessage(), e);
    }
  }

  /** Reads a secret's latest value (the reveal is audited by the secret service); the caller wipes it. */
  byte[] bytes(String secret, String actor) {
    checkReference(secret);
    if (service == null) {
      throw new dev.stoker.api.common.UnavailableException("the secret store is not available to read " + secret);
    }
    int colon = secret.lastIndexOf(':');
    SecretScope scope = Scopes.parse(secret.substring(0, colon));
    return service.reveal(scope, secret.substring(colon + 1), 0, "repository:" + actor);
  }

  /** Reads a secret's latest value as text (the reveal is audited by the secret service). */
  String text(String secret, String actor) {
    byte[] value = bytes(secret, actor);
    try {
      return new String(value, StandardCharsets.UTF_8).strip();
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  private UsernamePasswordCredentialsProvider credentials(String secret, String actor) {
    if (secret == null || secret.isBlank()) {
      return null;
    }
    char[] token = text(secret, actor).toCharArray();
    // Git hosts take a token as the password; the user name is ignored by most, "x-access-token" by GitHub.
    return new UsernamePasswordCredentialsProvider("x-access-token", token);
  }
}
