package dev.stoker.secrets.internal;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.secrets.SecretService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Health of the secrets ({@code secrets}): UP while the secret service runs, DOWN with the reason (a wrong
 * or missing master key, named; a bad configuration) when it could not start, or while it waits for the
 * database, the audit log or the configured secret store.
 */
@Component(service = HealthContributor.class, immediate = true, property = "component=secrets")
public class SecretsHealth implements HealthContributor {
  static final String COMPONENT = "secrets";
  private volatile SecretService service;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setService(SecretService s) {
    service = s;
  }

  void unsetService(SecretService s) {
    if (service == s) {
      service = null;
    }
  }

  @Override
  public ComponentHealth check() {
    SecretService s = service;
    if (s != null) {
      try {
        return ComponentHealth.up(COMPONENT, s instanceof SecretServiceImpl impl ? impl.describe()
            : "ready, " + s.leases().size() + " lease(s) in force");
      } catch (RuntimeException e) {
        return ComponentHealth.down(COMPONENT, e.getMessage());
      }
    }
    String problem = StartupState.problem();
    return ComponentHealth.down(COMPONENT, problem != null ? "not started: " + problem
        : "waiting for the database, the audit log and the secret store");
  }
}
