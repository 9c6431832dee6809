package dev.stoker.pipelines.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reaches an environment's gateway for a step: leases the platform's adapter for the work and reads the
 * gateway's API key for the user the run acts for, under that user's stage rules (an audited reveal). The
 * endpoint comes from the environment service, with the platform version the gateway runs and access to its
 * data folder (how an Ignition 8.1 gateway is reached without a REST API).
 */
final class Gateways {
  /** Work with a gateway, given the adapter and a client. */
  interface Work<T> {
    T apply(PlatformAdapter adapter, GatewayClient client, URI base) throws Exception;
  }

  private final Supplier<PlatformRegistry> platforms;
  private final Supplier<EnvironmentService> environments;
  private final Supplier<SecretService> secrets;
  private final Supplier<StagePolicy> stages;

  Gateways(Supplier<PlatformRegistry> platforms, Supplier<EnvironmentService> environments,
      Supplier<SecretService> secrets, Supplier<StagePolicy> stages) {
    this.platforms = platforms;
    this.environments = environments;
    this.secrets = secrets;
    this.stages = stages;
  }

  <T> T with(Environment env, String apiKeySecret, String actor, Work<T> work) throws Exception {
    if (env.state() != EnvironmentState.RUNNING) {
      throw new ConflictException("environment: '" + env.spec().name() + "' is " + env.state() + ", not RUNNING");
    }
    PlatformRegistry registry = Deps.need(platforms.get(), "the platform registry");
    EnvironmentService envs = Deps.need(environments.get(), "the environment service");
    try (AdapterLease lease = registry.lease(env.spec().platform())) {
      String key = apiKey(env, apiKeySecret, actor);
      GatewayEndpoint endpoint = envs.gatewayEndpoint(env.id(), key);
      GatewayClient client = lease.adapter().gatewayClient(endpoint);
      T result = work.apply(lease.adapter(), client, endpoint.httpBase());
      lease.check();
      return result;
    }
  }

  private String apiKey(Environment env, String reference, String actor) {
    if (reference == null || reference.isBlank()) {
      return null;
    }
    Deps.need(stages.get(), "the stage rules").check(actor, env.spec().stage(), StageAction.USE_SECRET);
    SecretService service = secrets.get();
    if (service == null) {
      throw new UnavailableException("the secret store is not available to read " + reference);
    }
    // a bare path finds the target stage's own key: promoting a release reads each stage's secret
    byte[] value = service.revealIn(new ScopeChain(null, env.spec().stage().name().toLowerCase(Locale.ROOT),
        env.id()), reference, actor);
    try {
      return new String(value, StandardCharsets.UTF_8).strip();
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }
}
