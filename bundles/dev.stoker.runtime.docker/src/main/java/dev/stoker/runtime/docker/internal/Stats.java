package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import dev.stoker.api.runtime.ContainerStats;
import dev.stoker.api.runtime.FilesystemUsage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A container's resource figures: the engine's stats API ({@code GET /containers/{id}/stats?stream=false}, which
 * waits for one CPU sampling period so that it carries the previous reading too) for memory, CPU and network, and
 * {@code df -P -k} run inside the container for file system usage.
 */
final class Stats {
  private static final long STATS_TIMEOUT_SECONDS = 5;
  private static final long DF_TIMEOUT_SECONDS = 5;

  private final Engine engine;
  private final Execs execs;
  private final Clock clock;

  Stats(Engine engine, Clock clock) {
    this.engine = engine;
    this.execs = new Execs(engine);
    this.clock = clock;
  }

  ContainerStats read(String containerId) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    String what = "reading stats of container '" + containerId + "'";
    CompletableFuture<Statistics> first = new CompletableFuture<>();
    ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Statistics s) {
        first.complete(s);
      }

      @Override
      public void onError(Throwable t) {
        first.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        first.completeExceptionally(new IllegalStateException("the engine sent no stats"));
      }
    };
    try (callback) {
      engine.api().statsCmd(containerId).withNoStream(true).exec(callback);
      return toStats(first.get(STATS_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + what);
    } catch (TimeoutException e) {
      throw new DockerFailure(what + " on docker host '" + engine.hostId() + "': no answer within "
          + STATS_TIMEOUT_SECONDS + " s", DockerFailure.Kind.UNAVAILABLE, 0, null);
    } catch (ExecutionException e) {
      throw engine.failure(what, e.getCause());
    } catch (RuntimeException e) {
      throw engine.failure(what, e);
    }
  }

  ContainerStats toStats(Statistics s) throws DockerFailure {
    MemoryStatsConfig mem = s.getMemoryStats();
    CpuStatsConfig cpu = s.getCpuStats();
    if (mem == null || cpu == null || mem.getUsage() == null) {
      // a stopped container answers with empty figures
      throw new DockerFailure("container is not running on docker host '" + engine.hostId() + "'",
          DockerFailure.Kind.CONFLICT, 0, null);
    }
    long used = mem.getUsage() - reclaimable(mem.getStats());
    long rx = 0;
    long tx = 0;
    Map<String, StatisticNetworksConfig> nets = s.getNetworks() == null ? Map.of() : s.getNetworks();
    for (StatisticNetworksConfig n : nets.values()) {
      rx += n.getRxBytes() == null ? 0 : n.getRxBytes();
      tx += n.getTxBytes() == null ? 0 : n.getTxBytes();
    }
    int online = cpu.getOnlineCpus() == null ? 0 : cpu.getOnlineCpus().intValue();
    return new ContainerStats(readAt(s.getRead()), Math.max(0, used), orZero(mem.getLimit()),
        cpuRatio(cpu, s.getPreCpuStats()), online, rx, tx);
  }

  /** Page cache the kernel can drop: {@code inactive_file} on cgroup v2, {@code total_inactive_file} on v1. */
  private static long reclaimable(StatsConfig stats) {
    if (stats == null) {
      return 0;
    }
    if (stats.getInactiveFile() != null) {
      return stats.getInactiveFile();
    }
    return orZero(stats.getTotalInactiveFile());
  }

  /** The container's CPU time over the host's CPU time between the two readings, as {@code docker stats} does. */
  private static double cpuRatio(CpuStatsConfig now, CpuStatsConfig before) {
    if (before == null || before.getSystemCpuUsage() == null || now.getSystemCpuUsage() == null
        || now.getCpuUsage() == null || before.getCpuUsage() == null) {
      return Double.NaN;
    }
    long system = now.getSystemCpuUsage() - before.getSystemCpuUsage();
    long container = orZero(now.getCpuUsage().getTotalUsage()) - orZero(before.getCpuUsage().getTotalUsage());
    if (system <= 0 || container < 0) {
      return Double.NaN;
    }
    return Math.min(1.0, (double) container / system);
  }

  private Instant readAt(String read) {
    try {
      return read == null || read.startsWith("0001-") ? clock.instant() : Instant.parse(read);
    } catch (DateTimeParseException e) {
      return clock.instant();
    }
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }

  FilesystemUsage filesystem(String containerId, String path) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    Checks.absolute("path", path);
    String out = execs.run(containerId, null, DF_TIMEOUT_SECONDS,
        "reading file system usage of '" + path + "' in container '" + containerId + "'", "df", "-P", "-k", path);
    return parseDf(path, out);
  }

  /** The last line of POSIX {@code df -P -k}: file system, 1024-blocks, used, available, capacity, mount. */
  static FilesystemUsage parseDf(String path, String out) throws DockerFailure {
    String[] lines = out.strip().split("\n");
    String[] f = lines[lines.length - 1].trim().split("\\s+");
    try {
      // the capacity column ends in '%'; the mount point after it may contain spaces
      int capacity = 3;
      while (capacity < f.length && !f[capacity].endsWith("%")) {
        capacity++;
      }
      if (capacity >= f.length) {
        throw new NumberFormatException();
      }
      long used = Long.parseLong(f[capacity - 2]);
      long available = Long.parseLong(f[capacity - 1]);
      // size as users see it: what is used plus what they may still use (blocks reserved for root left out)
      return new FilesystemUsage(path, used * 1024, Math.max(1, used + available) * 1024);
    } catch (NumberFormatException e) {
      throw new DockerFailure("df printed no usage for '" + path + "': " + out.strip(), DockerFailure.Kind.CONFLICT,
          0, null);
    }
  }

}
