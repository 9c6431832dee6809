package dev.stoker.rest.internal;

import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.security.ApiTokenService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.UserService;
import dev.stoker.secrets.SecretService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The services the API calls, as they come and go. The security services appear only once the database
 * is ready; until then the endpoints that need them answer 503 and health says why.
 */
final class Services {
  volatile AuthService auth;
  volatile UserService users;
  volatile ApiTokenService tokens;
  volatile AuditLog audit;
  volatile EnvironmentService environments;
  volatile SecretService secrets;
  final List<HealthContributor> health = new CopyOnWriteArrayList<>();
  final PlatformCatalog platforms = new PlatformCatalog();

  static <T> T require(Supplier<T> service, String what) {
    T s = service.get();
    if (s == null) {
      throw ProblemException.unavailable(what + " is not available yet; GET /api/v1/health tells why");
    }
    return s;
  }

  AuthService auth() {
    return require(() -> auth, "authentication");
  }

  UserService users() {
    return require(() -> users, "the user service");
  }

  ApiTokenService tokens() {
    return require(() -> tokens, "the token service");
  }

  SecretService secrets() {
    return require(() -> secrets, "the secret store");
  }

  EnvironmentService environments() {
    return require(() -> environments, "the environment service");
  }

  AuditLog audit() {
    return require(() -> audit, "the audit log");
  }
}
