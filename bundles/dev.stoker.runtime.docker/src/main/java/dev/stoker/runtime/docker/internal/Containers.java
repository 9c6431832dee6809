package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container lifecycle on one engine: create from a spec, start, stop within a grace period, remove (and wait
 * until the engine has forgotten the container), list by labels, inspect. Starting a running container and
 * stopping a stopped one are no-ops; removing a missing one is not an error.
 */
final class Containers {
  private static final Logger LOG = LoggerFactory.getLogger(Containers.class);
  private static final Duration REMOVAL_WAIT = Duration.ofSeconds(30);

  private final Engine engine;
  private final ContainerSpecs specs;
  private final Volumes volumes;

  Containers(Engine engine, Volumes volumes) {
    this.engine = engine;
    this.specs = new ContainerSpecs(engine);
    this.volumes = volumes;
  }

  /** @return the id of the created (not started) container */
  String create(ContainerSpec spec, CreateOptions options) throws IOException {
    engine.usable();
    CreateContainerCmd cmd = specs.command(spec, options);
    try {
      String id = cmd.exec().getId();
      LOG.info("Created container {} ({}) from {} on docker host {}", spec.name(), id.substring(0, 12),
          spec.image(), engine.hostId());
      return id;
    } catch (RuntimeException e) {
      throw engine.failure("creating container '" + spec.name() + "' from image '" + spec.image() + "'", e);
    }
  }

  void start(String containerId) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    try {
      engine.api().startContainerCmd(containerId).exec();
    } catch (NotModifiedException e) {
      // already running
    } catch (RuntimeException e) {
      throw engine.failure("starting container '" + containerId + "'", e);
    }
  }

  /** SIGTERM, then SIGKILL after {@code grace} ({@code null}: the container's own). */
  void stop(String containerId, Duration grace) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    try {
      // The stream client has no read timeout: stopping may take the whole grace period.
      var cmd = engine.streams().stopContainerCmd(containerId);
      if (grace != null) {
        cmd.withTimeout((int) Math.min(Integer.MAX_VALUE, grace.toSeconds()));
      }
      cmd.exec();
    } catch (NotModifiedException e) {
      // not running
    } catch (RuntimeException e) {
      throw engine.failure("stopping container '" + containerId + "'", e);
    }
  }

  /** Removes a container, killing it when it runs, then {@code volume} when given. */
  void remove(String containerId, String volume) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    try {
      engine.api().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (ConflictException e) {
      // "removal already in progress": wait for it below
    } catch (RuntimeException e) {
      throw engine.failure("removing container '" + containerId + "'", e);
    }
    awaitRemoved(containerId, REMOVAL_WAIT);
    if (volume != null && !volume.isBlank()) {
      volumes.remove(volume);
    }
    LOG.info("Removed container {}{} on docker host {}", containerId,
        volume == null ? "" : " and volume " + volume, engine.hostId());
  }

  /** Waits until the engine no longer knows the container. */
  void awaitRemoved(String containerId, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        engine.api().inspectContainerCmd(containerId).exec();
      } catch (NotFoundException e) {
        return;
      } catch (RuntimeException e) {
        throw engine.failure("waiting for the removal of container '" + containerId + "'", e);
      }
      if (System.nanoTime() > deadline) {
        throw new DockerFailure("container '" + containerId + "' on docker host '" + engine.hostId()
            + "' was still present " + timeout.toSeconds() + " s after its removal", DockerFailure.Kind.ERROR,
            0, null);
      }
      Checks.pause(100);
    }
  }

  /** @param labels labels every listed container carries; {@code null} or empty for all */
  List<ContainerInfo> list(Map<String, String> labels) throws IOException {
    engine.usable();
    try {
      var cmd = engine.api().listContainersCmd().withShowAll(true);
      if (labels != null && !labels.isEmpty()) {
        cmd.withLabelFilter(labels);
      }
      List<ContainerInfo> out = new ArrayList<>();
      for (Container c : cmd.exec()) {
        out.add(ContainerViews.info(c));
      }
      return out;
    } catch (RuntimeException e) {
      throw engine.failure("listing containers labelled " + labels, e);
    }
  }

  /** @throws DockerFailure of kind {@code NOT_FOUND} when there is no such container */
  ContainerStatus inspect(String containerId) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    try {
      return ContainerViews.status(engine.api().inspectContainerCmd(containerId).exec());
    } catch (RuntimeException e) {
      throw engine.failure("inspecting container '" + containerId + "'", e);
    }
  }
}
