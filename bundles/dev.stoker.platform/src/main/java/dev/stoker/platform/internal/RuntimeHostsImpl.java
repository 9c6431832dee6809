package dev.stoker.platform.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.runtime.RuntimeHosts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one registry of runtime hosts: {@link RuntimeBackend} services by host id, ranking-aware, the next
 * one taking over without a gap (a reconfigured Docker host is bound before the old instance leaves).
 */
@Component(service = RuntimeHosts.class, immediate = true)
public class RuntimeHostsImpl implements RuntimeHosts {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeHostsImpl.class);

  private final Ranked<RuntimeBackend> hosts = new Ranked<>(RuntimeBackend::hostId);

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addBackend(RuntimeBackend backend, Map<String, Object> properties) {
    log(hosts.add(backend, properties));
  }

  void updatedBackend(RuntimeBackend backend, Map<String, Object> properties) {
    log(hosts.modified(backend, properties));
  }

  void removeBackend(RuntimeBackend backend) {
    log(hosts.remove(backend));
  }

  private static void log(Ranked.Outcome<RuntimeBackend> outcome) {
    if (outcome.change() != Ranked.Change.NONE) {
      LOG.info("Runtime host '{}' {}", outcome.key(), outcome.change().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Override
  public Optional<RuntimeBackend> find(String hostId) {
    return Optional.ofNullable(hosts.get(hostId));
  }

  @Override
  public RuntimeBackend require(String hostId) {
    RuntimeBackend backend = hosts.get(hostId);
    if (backend == null) {
      throw new UnavailableException("runtime host '" + hostId + "' is not available (configured: "
          + String.join(", ", hostIds()) + ")");
    }
    return backend;
  }

  @Override
  public List<String> hostIds() {
    return hosts.snapshot().keySet().stream().sorted().toList();
  }
}
