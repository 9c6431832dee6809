package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.model.Version;
import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of one engine as component {@code runtime:<hostId>}: a background task pings the engine at the
 * configured interval and {@link #check()} answers from its last result, or DOWN when a ping has been waiting
 * longer than {@link #STALE}. A misconfigured engine is DOWN with the reason and never pinged.
 */
final class EngineHealth implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineHealth.class);
  private static final Duration STALE = Duration.ofSeconds(5);

  private final Engine engine;
  private final String component;
  private final ScheduledExecutorService executor;
  private volatile ComponentHealth health;
  private volatile long probeStartedNanos;

  /** Starts the background checks (none when the engine is misconfigured). */
  EngineHealth(Engine engine) {
    this.engine = engine;
    this.component = "runtime:" + engine.hostId();
    if (engine.configError() != null) {
      LOG.error("Docker host '{}' is not usable: {}", engine.hostId(), engine.configError());
      health = ComponentHealth.down(component, "configuration of " + DockerRuntimeBackend.PID + " (hostId "
          + engine.hostId() + "): " + engine.configError());
      executor = null;
      return;
    }
    health = new ComponentHealth(component, HealthStatus.DEGRADED,
        "first check of " + engine.settings().dockerHost() + " in progress");
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stoker-docker-health-" + engine.hostId());
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::refresh, 0, engine.settings().healthInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** @return the last result, without waiting for the engine */
  ComponentHealth check() {
    long started = probeStartedNanos;
    if (started != 0) {
      Duration waiting = Duration.ofNanos(System.nanoTime() - started);
      if (waiting.compareTo(STALE) > 0) {
        return ComponentHealth.down(component, engine.settings().dockerHost() + " has not answered a ping for "
            + waiting.toSeconds() + " s");
      }
    }
    return health;
  }

  /** Runs one check now, on the caller's thread. */
  ComponentHealth refresh() {
    if (engine.configError() != null) {
      return health;
    }
    probeStartedNanos = System.nanoTime();
    ComponentHealth result;
    String at = String.valueOf(engine.settings().dockerHost());
    try {
      engine.api().pingCmd().exec();
      Version v = engine.api().versionCmd().exec();
      result = ComponentHealth.up(component, "Docker " + v.getVersion() + " (API " + v.getApiVersion() + ", "
          + v.getOperatingSystem() + "/" + v.getArch() + ") at " + at);
    } catch (RuntimeException e) {
      result = ComponentHealth.down(component, at + ": " + DockerErrors.reason(e));
    } finally {
      probeStartedNanos = 0;
    }
    if (result.status() != health.status()) {
      if (result.status() == HealthStatus.UP) {
        LOG.info("Docker host '{}' is up: {}", engine.hostId(), result.detail());
      } else {
        LOG.warn("Docker host '{}' is down: {}", engine.hostId(), result.detail());
      }
    }
    health = result;
    return result;
  }

  /** Stops the background checks. */
  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
