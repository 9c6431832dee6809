package dev.stoker.platform.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.event.EventProperties;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one registry of platform adapters (see {@link PlatformRegistry} for the rules). Adapters are tracked
 * with a dynamic, greedy multiple reference, so installing or stopping an adapter bundle changes the
 * registry at once; the rest of Stoker asks the registry and never tracks adapters itself.
 */
@Component(service = PlatformRegistry.class, immediate = true)
public class PlatformRegistryImpl implements PlatformRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformRegistryImpl.class);

  private final Ranked<PlatformAdapter> adapters = new Ranked<>(PlatformRegistryImpl::idOf);
  private final Set<Lease> leases = ConcurrentHashMap.newKeySet();

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile EventAdmin events;

  /** For DS. */
  public PlatformRegistryImpl() {
  }

  /** For tests: a registry that posts to the given event admin (may be {@code null}). */
  PlatformRegistryImpl(EventAdmin events) {
    this.events = events;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addAdapter(PlatformAdapter adapter, Map<String, Object> properties) {
    if (idOf(adapter) == null) {
      LOG.error("Platform adapter {} ignored: its descriptor has no id", adapter.getClass().getName());
      return;
    }
    report(adapters.add(adapter, properties));
  }

  void updatedAdapter(PlatformAdapter adapter, Map<String, Object> properties) {
    report(adapters.modified(adapter, properties));
  }

  void removeAdapter(PlatformAdapter adapter) {
    report(adapters.remove(adapter));
    for (Lease lease : leases) {
      if (lease.leased() == adapter) {
        lease.revoke();
      }
    }
  }

  private void report(Ranked.Outcome<PlatformAdapter> outcome) {
    if (outcome.change() == Ranked.Change.NONE) {
      return;
    }
    String change = outcome.change().name().toLowerCase(Locale.ROOT);
    LOG.info("Platform '{}' {}: {}", outcome.key(), change,
        outcome.after() == null ? "no adapter serves it" : outcome.after().getClass().getName());
    EventAdmin admin = events;
    if (admin != null) {
      admin.postEvent(new Event(EventTopics.PLATFORM,
          Map.of(EventProperties.PLATFORM, outcome.key(), EventProperties.CHANGE, change)));
    }
  }

  @Override
  public Optional<PlatformAdapter> find(String platformId) {
    return Optional.ofNullable(adapters.get(platformId));
  }

  @Override
  public PlatformAdapter require(String platformId) {
    PlatformAdapter adapter = adapters.get(platformId);
    if (adapter == null) {
      throw new UnavailableException("platform '" + platformId + "' has no adapter installed (installed: "
          + String.join(", ", new TreeSet<>(adapters.snapshot().keySet())) + ")");
    }
    return adapter;
  }

  @Override
  public List<PlatformDescriptor> platforms() {
    return adapters.snapshot().values().stream().map(PlatformAdapter::descriptor)
        .sorted(Comparator.comparing(PlatformDescriptor::id)).toList();
  }

  @Override
  public AdapterLease lease(String platformId) {
    PlatformAdapter adapter = require(platformId);
    Lease lease = new Lease(adapter, platformId, leases);
    leases.add(lease);
    if (!adapters.contains(adapter)) {
      lease.revoke(); // it left between the lookup and the registration of the lease
    }
    return lease;
  }

  /** @return how many leases are open (tests, diagnostics) */
  int openLeases() {
    return leases.size();
  }

  private static String idOf(PlatformAdapter adapter) {
    PlatformDescriptor d = adapter.descriptor();
    return d == null ? null : d.id();
  }
}
