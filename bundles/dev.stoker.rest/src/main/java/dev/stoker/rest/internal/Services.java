package dev.stoker.rest.internal;

import dev.stoker.api.environment.ArtifactService;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.security.ApiTokenService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.UserService;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.secrets.SecretService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The services the API calls, as they come and go. The security services appear only once the database
 * is ready; until then the endpoints that need them answer 503 and health says why.
 */
final class Services {
  /** The optional services, each read afresh on every call (they are dynamic references). */
  record Dynamic(Supplier<AuthService> auth, Supplier<UserService> users, Supplier<ApiTokenService> tokens,
      Supplier<AuditLog> audit, Supplier<EnvironmentService> environments, Supplier<SecretService> secrets,
      Supplier<RepositoryService> repository, Supplier<ArtifactService> artifacts,
      Supplier<PlatformRegistry> platforms) {
  }

  private final Dynamic dynamic;
  final List<HealthContributor> health = new CopyOnWriteArrayList<>();
  /** Wakes operation progress streams on change events (registered as an event handler by the server). */
  final OperationSignals signals = new OperationSignals();

  Services(Dynamic dynamic) {
    this.dynamic = dynamic;
  }

  /** @return whether authentication can be served now */
  boolean authAvailable() {
    return dynamic.auth().get() != null;
  }

  /** @return whether the environment service takes requests now */
  boolean environmentsAvailable() {
    return dynamic.environments().get() != null;
  }

  /** @return whether the project repository takes requests now */
  boolean repositoryAvailable() {
    return dynamic.repository().get() != null;
  }

  /** @return the audit log, or {@code null} while it is not available */
  AuditLog auditOrNull() {
    return dynamic.audit().get();
  }

  static <T> T require(Supplier<T> service, String what) {
    T s = service.get();
    if (s == null) {
      throw ProblemException.unavailable(what + " is not available yet; GET /api/v1/health tells why");
    }
    return s;
  }

  /** @return the platform registry (the one place adapters are looked up) */
  PlatformRegistry platforms() {
    return require(dynamic.platforms(), "the platform registry");
  }

  /** @return the platforms served now; empty while the registry is not available */
  List<PlatformDescriptor> platformList() {
    PlatformRegistry r = dynamic.platforms().get();
    return r == null ? List.of() : r.platforms();
  }

  AuthService auth() {
    return require(dynamic.auth(), "authentication");
  }

  UserService users() {
    return require(dynamic.users(), "the user service");
  }

  ApiTokenService tokens() {
    return require(dynamic.tokens(), "the token service");
  }

  SecretService secrets() {
    return require(dynamic.secrets(), "the secret store");
  }

  EnvironmentService environments() {
    return require(dynamic.environments(), "the environment service");
  }

  ArtifactService artifacts() {
    return require(dynamic.artifacts(), "the artifact store");
  }

  RepositoryService repository() {
    return require(dynamic.repository(), "the repository service");
  }

  AuditLog audit() {
    return require(dynamic.audit(), "the audit log");
  }
}
