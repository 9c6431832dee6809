package dev.stoker.telemetry.internal;

import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.RuntimeProfile;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One poll of one gateway through its platform adapter: the adapter's health probe says whether it is up
 * (no credentials needed, so a gateway without an API key is still watched); when it is, the gateway
 * client reads its metrics and diagnostics with the environment's API key. The container's own figures come from its runtime
 * host ({@link ContainerReader}), also while the gateway is down. Blocks on the network; the poller bounds it.
 */
final class GatewayReader implements GatewayPoller.Reader {
  private final PlatformRegistry platforms;
  private final ApiKeys keys;
  private final ContainerReader containers;

  GatewayReader(PlatformRegistry platforms, ApiKeys keys, ContainerReader containers) {
    this.platforms = platforms;
    this.keys = keys;
    this.containers = containers;
  }

  @Override
  public Reading read(PollTarget target) {
    Optional<PlatformAdapter> adapter = platforms.find(target.platform());
    if (adapter.isEmpty()) {
      return new Reading(false, "", Map.of(), "no adapter serves platform '" + target.platform() + "'");
    }
    if (target.http() == null) {
      return new Reading(false, "", Map.of(), "the environment publishes no http endpoint");
    }
    RuntimeProfile profile = adapter.get().runtimeProfile(target.environment().spec());
    Map<String, Double> metrics = new HashMap<>();
    String containerProblem = null;
    try {
      metrics.putAll(containers.read(target, profile.dataPath()));
    } catch (IOException e) {
      containerProblem = "container figures not read: " + e.getMessage();
    }
    ProbeResult probe = profile.probe().probe(target.http());
    if (probe.readiness() != Readiness.READY) {
      return new Reading(false, probe.readiness().name(), metrics, "the gateway is " + probe.readiness());
    }
    Optional<String> key = keys.of(target.environment());
    GatewayClient client = adapter.get().gatewayClient(new GatewayEndpoint(target.http(), key.orElse(null)));
    try {
      metrics.putAll(client.metrics());
    } catch (IOException e) {
      return new Reading(true, probe.readiness().name(), metrics, "metrics not read: " + e.getMessage()
          + (key.isEmpty() ? " (no secret " + target.platform() + "/api-token in the environment's scopes)" : ""));
    }
    try {
      return new Reading(true, probe.readiness().name(), metrics, client.diagnostics(), containerProblem);
    } catch (IOException e) {
      return new Reading(true, probe.readiness().name(), metrics, List.of(), "diagnostics not read: "
          + e.getMessage());
    }
  }
}
