package dev.stoker.environments.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.platform.SecretFile;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The secret service as the environments see it: secret files for a gateway (leased per start) and the API
 * keys that backups read at the moment of use. Both are optional: without the secret service an environment
 * that needs a secret is refused with 503.
 */
final class SecretAccess {
  private volatile SecretService service;
  private volatile SecretFiles files;

  void bind(SecretService secretService) {
    service = secretService;
    files = new LeasedSecretFiles(secretService, Duration.ofMinutes(30));
  }

  void unbind(SecretService secretService) {
    if (service == secretService) {
      service = null;
      files = null;
    }
  }

  /** For tests: sets where secret files come from. */
  void files(SecretFiles source) {
    files = source;
  }

  /** For tests: sets the secret service API keys are read from. */
  void service(SecretService secretService) {
    service = secretService;
  }

  private SecretFiles filesFor(RuntimeProfile profile) {
    SecretFiles source = files;
    if (source == null) {
      throw new UnavailableException("the secret service is not available to deliver "
          + profile.secretFiles().stream().map(SecretFile::variable).toList());
    }
    return source;
  }

  /** Refuses (400 {@code secrets}) a profile whose secrets neither the stage nor the workspace holds. */
  void checkPresent(String stage, RuntimeProfile profile) {
    if (profile.secretFiles().isEmpty()) {
      return;
    }
    List<SecretFile> missing = filesFor(profile).missing(stage, profile.secretFiles());
    if (!missing.isEmpty()) {
      throw new InvalidInputException("secrets: " + String.join(", ", missing.stream()
          .map(s -> s.variable() + " needs the secret '" + s.secretPath() + "'").toList())
          + ", which neither stage:" + stage + " nor the workspace holds; store it first (POST /api/v1/secrets)");
    }
  }

  /** @return variable → host file of each secret the profile wants (empty when it wants none) */
  Map<String, Path> materialise(String environmentId, String stage, RuntimeProfile profile, String actor)
      throws IOException {
    if (profile.secretFiles().isEmpty()) {
      return Map.of();
    }
    return filesFor(profile).materialise(environmentId, stage, profile.secretFiles(), profile.processUid(), actor);
  }

  /** Removes an environment's secret files (its container is gone or about to go). */
  void release(String environmentId) {
    SecretFiles source = files;
    if (source != null) {
      source.release(environmentId);
    }
  }

  private SecretService serviceFor(String reference) {
    SecretService s = service;
    if (s == null) {
      throw new UnavailableException("the secret service is not available to read " + reference);
    }
    return s;
  }

  /**
   * @return {@code scope:path}: a full reference as given, or a bare path resolved where the environment sits
   *     (environment, stage, workspace), so one name finds each stage's own secret
   * @throws InvalidInputException naming {@code field} when a bare path is malformed or found nowhere
   */
  String qualify(String field, dev.stoker.api.secrets.ScopeChain chain, String reference) {
    if (reference.lastIndexOf(':') > 0) {
      return reference;
    }
    try {
      Scopes.checkPath(reference);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field + ": " + e.getMessage());
    }
    var found = serviceFor(reference).resolve(chain, reference).orElseThrow(() -> new InvalidInputException(field
        + ": no secret '" + reference + "' for this environment (looked in " + chain.scopes() + ")"));
    return Scopes.format(found.scope()) + ":" + reference;
  }

  /** Refuses (400 naming {@code field}) a reference {@code scope:path} that is malformed or names no secret. */
  void checkReference(String field, String reference) {
    SecretService s = serviceFor(reference);
    int colon = reference.lastIndexOf(':');
    if (colon <= 0) {
      throw new InvalidInputException(field + ": a secret reference such as workspace:ignition/api-key");
    }
    SecretScope scope;
    String path;
    try {
      scope = Scopes.parse(reference.substring(0, colon));
      path = Scopes.checkPath(reference.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field + ": " + e.getMessage());
    }
    if (s.metadata(scope, path, 0).isEmpty()) {
      throw new InvalidInputException(field + ": no secret '" + reference + "'; store the gateway API key "
          + "(name:secret) there first");
    }
  }

  /**
   * @return the value of a checked reference, read for a person (the secret service audits the reveal under
   *     their name, not the environment's)
   */
  String reveal(String reference, String actor) {
    SecretService s = serviceFor(reference);
    int colon = reference.lastIndexOf(':');
    byte[] value = s.reveal(Scopes.parse(reference.substring(0, colon)), reference.substring(colon + 1), 0,
        actor);
    try {
      return new String(value, StandardCharsets.UTF_8).strip();
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }
}
