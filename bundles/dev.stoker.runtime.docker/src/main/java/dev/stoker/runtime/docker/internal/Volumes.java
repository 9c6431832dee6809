package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named volumes on one engine: created idempotently, looked up, removed once no container holds them. */
final class Volumes {
  private static final Logger LOG = LoggerFactory.getLogger(Volumes.class);
  private static final Duration REMOVAL_WAIT = Duration.ofSeconds(20);

  private final Engine engine;

  Volumes(Engine engine) {
    this.engine = engine;
  }

  /** Creates the volume with Stoker's labels unless it exists (its labels are then left as they are). */
  void ensure(String name, Map<String, String> labels) throws IOException {
    engine.usable();
    Checks.name("volume", name);
    if (exists(name)) {
      return;
    }
    try {
      engine.api().createVolumeCmd().withName(name).withLabels(engine.managed(labels)).exec();
      LOG.info("Created volume {} on docker host {}", name, engine.hostId());
    } catch (RuntimeException e) {
      throw engine.failure("creating volume '" + name + "'", e);
    }
  }

  /** @return whether the named volume exists */
  boolean exists(String name) throws IOException {
    return labels(name) != null;
  }

  /** @return the volume's labels (empty when it has none), or {@code null} when there is no such volume */
  Map<String, String> labels(String name) throws IOException {
    engine.usable();
    try {
      Map<String, String> labels = engine.api().inspectVolumeCmd(name).exec().getLabels();
      return labels == null ? Map.of() : labels;
    } catch (NotFoundException e) {
      return null;
    } catch (RuntimeException e) {
      throw engine.failure("looking up volume '" + name + "'", e);
    }
  }

  /** Removes a volume; nothing happens when it does not exist. Retries while a removed container still holds it. */
  void remove(String name) throws IOException {
    engine.usable();
    Checks.name("volume", name);
    long deadline = System.nanoTime() + REMOVAL_WAIT.toNanos();
    while (true) {
      try {
        engine.api().removeVolumeCmd(name).exec();
        LOG.info("Removed volume {} on docker host {}", name, engine.hostId());
        return;
      } catch (NotFoundException e) {
        return;
      } catch (ConflictException e) {
        if (System.nanoTime() > deadline) {
          throw engine.failure("removing volume '" + name + "'", e);
        }
        Checks.pause(200);
      } catch (RuntimeException e) {
        throw engine.failure("removing volume '" + name + "'", e);
      }
    }
  }
}
