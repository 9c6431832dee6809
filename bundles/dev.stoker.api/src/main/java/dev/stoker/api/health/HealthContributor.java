package dev.stoker.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A service that reports the health of one part of Stoker (database, broker, a Docker host, ...).
 * {@code GET /api/v1/health} calls every registered contributor.
 *
 * <p>Threading: {@link #check()} may be called concurrently from request threads. It must return
 * within about a second (use cached state or short timeouts) and must not throw: report trouble as
 * {@link HealthStatus#DOWN} with a detail instead.
 */
@ConsumerType
public interface HealthContributor {

  /** @return the current health of this component */
  ComponentHealth check();
}
