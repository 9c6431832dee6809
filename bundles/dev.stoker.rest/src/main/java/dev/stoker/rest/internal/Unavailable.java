package dev.stoker.rest.internal;

import dev.stoker.api.environment.ArtifactService;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.security.ApiTokenService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.SingleSignOn;
import dev.stoker.api.security.UserService;
import java.util.Map;
import javax.ws.rs.core.Response;

/** How a 503 names the service an endpoint waits for; the words clients have always seen. */
final class Unavailable {
  /** Said when a resource is missing for no reason the component runtime names. */
  static final String UNKNOWN = "this endpoint";

  private static final Map<String, String> NAMES = Map.of(
      AuthService.class.getName(), "authentication",
      UserService.class.getName(), "the user service",
      ApiTokenService.class.getName(), "the token service",
      AuditLog.class.getName(), "the audit log",
      SecretService.class.getName(), "the secret store",
      EnvironmentService.class.getName(), "the environment service",
      ArtifactService.class.getName(), "the artifact store",
      RepositoryService.class.getName(), "the repository service",
      PlatformRegistry.class.getName(), "the platform registry",
      SingleSignOn.class.getName(), "single sign-on");

  private Unavailable() {
  }

  /** @return how clients know the service of this interface, e.g. "the environment service" */
  static String name(String interfaceName) {
    String known = NAMES.get(interfaceName);
    return known != null ? known : "the service " + interfaceName.substring(interfaceName.lastIndexOf('.') + 1);
  }

  static String message(String what) {
    return what + " is not available yet; GET /api/v1/health tells why";
  }

  static Response response(String what) {
    return Problem.of(Response.Status.SERVICE_UNAVAILABLE, message(what), null).toResponse();
  }
}
