package dev.stoker.rest.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.security.Role;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Live metrics of a running gateway (memory, CPU, threads, uptime) through its platform adapter's gateway
 * client. The gateway's API key is the secret {@code <platform>/api-token} found along the environment's
 * scope chain (environment, stage, workspace); it is read from the secret store at most once per
 * {@link #KEY_TTL}, environment and person asking: each read is an audited reveal under the name of the person
 * the metrics are read for (the key itself never leaves Stoker).
 */
@Component(service = RestResource.class)
@Path("environments/{id}/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayMetricsResource implements RestResource {
  static final Duration KEY_TTL = Duration.ofMinutes(10);

  private final EnvironmentService environments;
  private final PlatformRegistry platforms;
  private final Clock clock;
  private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();
  /** Optional: without it metrics are asked for without an API key. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile SecretService secrets;

  @Activate
  public GatewayMetricsResource(@Reference EnvironmentService environments, @Reference PlatformRegistry platforms) {
    this(environments, platforms, Clock.systemUTC());
  }

  GatewayMetricsResource(EnvironmentService environments, PlatformRegistry platforms, Clock clock) {
    this.environments = environments;
    this.platforms = platforms;
    this.clock = clock;
  }

  /** The answer: one sample. */
  public record Sample(String environment, Instant time, Map<String, Double> metrics) {
  }

  private record CachedKey(String key, Instant until) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Sample metrics(@PathParam("id") String id, @Context SecurityContext security) {
    String user = Principals.of(security).username();
    Environment env = environments.get(id)
        .orElseThrow(() -> ProblemException.notFound("environment '" + id + "' not found"));
    if (env.state() != EnvironmentState.RUNNING) {
      throw new ProblemException(Response.Status.CONFLICT, "environment '" + env.spec().name() + "' is "
          + env.state() + "; metrics come from a RUNNING gateway", null);
    }
    PlatformAdapter adapter = platforms.require(env.spec().platform());
    URI http = env.endpoints().get("http");
    if (http == null) {
      throw new ProblemException(Response.Status.CONFLICT, "environment publishes no http endpoint", null);
    }
    String key = apiKey(env, user).orElse(null);
    try {
      return new Sample(id, clock.instant(), adapter.gatewayClient(new GatewayEndpoint(http, key)).metrics());
    } catch (IOException e) {
      throw new ProblemException(Response.Status.BAD_GATEWAY, "the gateway did not give its metrics: "
          + e.getMessage() + (key == null ? " (no secret " + env.spec().platform() + "/api-token in the "
          + "environment's scopes)" : ""), null);
    }
  }

  private Optional<String> apiKey(Environment env, String user) {
    String cacheKey = env.id() + "\n" + user;
    CachedKey cached = keys.get(cacheKey);
    Instant now = clock.instant();
    if (cached != null && cached.until().isAfter(now)) {
      return Optional.of(cached.key());
    }
    SecretService secrets = this.secrets;
    if (secrets == null) {
      return Optional.empty();
    }
    String path = env.spec().platform() + "/api-token";
    ScopeChain chain = new ScopeChain(null, env.spec().stage() == null ? null
        : env.spec().stage().name().toLowerCase(Locale.ROOT), env.id());
    Optional<SecretMetadata> found = secrets.resolve(chain, path);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    byte[] value = secrets.reveal(found.get().scope(), path, 0, user); // audited under the person's name
    try {
      String key = new String(value, StandardCharsets.UTF_8).strip();
      if (keys.size() > 10_000) {
        keys.clear(); // many people times many gateways: start over rather than grow
      }
      keys.put(cacheKey, new CachedKey(key, now.plus(KEY_TTL)));
      return Optional.of(key);
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }
}
