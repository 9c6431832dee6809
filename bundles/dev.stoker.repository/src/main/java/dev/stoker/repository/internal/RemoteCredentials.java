package dev.stoker.repository.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretService;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Checks mirror URLs and secret references, and turns a secret into credentials for a push or fetch: HTTPS
 * remotes authenticate with an API token, SSH remotes with a private key, each read from the secret store
 * at the moment of use (the reveal is audited there); the value is never stored in the repository's
 * configuration or logged.
 *
 * @param service the secret service, or {@code null} when it is not installed
 */
record RemoteCredentials(SecretService service) {

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

  /** @return the SSH transport setup for an {@code ssh://} mirror, or {@code null} for other remotes */
  SshTransports ssh(Repository repo, String secret, String actor) {
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

  /** Reads a secret's latest value (the reveal is audited by the secret service); the caller wipes it. */
  byte[] bytes(String secret, String actor) {
    checkReference(secret);
    if (service == null) {
      throw new dev.stoker.api.common.UnavailableException("the secret store is not available to read " + secret);
    }
    int colon = secret.lastIndexOf(':');
    SecretScope scope = Scopes.parse(secret.substring(0, colon));
    return service.reveal(scope, secret.substring(colon + 1), 0, actor); // audited under the person's name
  }

  /**
   * Reads a secret for a consumer (an environment): {@code scope:path} exactly, or a bare path resolved in the
   * consumer's scope chain (the reveal is audited by the secret service).
   */
  String textIn(dev.stoker.api.secrets.ScopeChain chain, String reference, String actor) {
    if (service == null) {
      throw new dev.stoker.api.common.UnavailableException("the secret store is not available to read " + reference);
    }
    byte[] value = service.revealIn(chain, reference, actor);
    try {
      return new String(value, StandardCharsets.UTF_8).strip();
    } finally {
      Arrays.fill(value, (byte) 0);
    }
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

  /** @return HTTP credentials carrying the secret's token, or {@code null} when no secret is named */
  UsernamePasswordCredentialsProvider credentials(String secret, String actor) {
    if (secret == null || secret.isBlank()) {
      return null;
    }
    char[] token = text(secret, actor).toCharArray();
    // Git hosts take a token as the password; the user name is ignored by most, "x-access-token" by GitHub.
    return new UsernamePasswordCredentialsProvider("x-access-token", token);
  }
}
