package dev.stoker.telemetry.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.runtime.RuntimeHosts;
import dev.stoker.api.telemetry.LogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the container log of every running environment's gateway, one daemon thread per gateway, and hands
 * each parsed line on. A follower starts from the last {@value #BACKLOG} lines of the log, skipping those not
 * newer than the newest line already stored for the environment (so a restart of Stoker neither loses the
 * gateway's start nor stores lines twice); it ends when the container stops or is replaced, and the next
 * {@link #reconcile} starts a new one.
 */
final class LogFollowers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogFollowers.class);
  static final int BACKLOG = 5000;

  private final Supplier<RuntimeHosts> hosts;
  private final Function<String, Optional<Instant>> newestStored;
  private final Consumer<LogEntry> lines;
  private final Clock clock;
  private final Map<String, Follower> followers = new ConcurrentHashMap<>();

  LogFollowers(Supplier<RuntimeHosts> hosts, Function<String, Optional<Instant>> newestStored,
      Consumer<LogEntry> lines, Clock clock) {
    this.hosts = hosts;
    this.newestStored = newestStored;
    this.lines = lines;
    this.clock = clock;
  }

  /** Starts following the running environments not followed yet and stops following the others. */
  void reconcile(List<Environment> running) {
    Set<String> ids = running.stream().map(Environment::id).collect(Collectors.toSet());
    followers.entrySet().removeIf(e -> {
      if (!ids.contains(e.getKey())) {
        e.getValue().close();
        return true;
      }
      return false;
    });
    for (Environment env : running) {
      if (!followers.containsKey(env.id())) {
        open(env).ifPresent(f -> {
          followers.put(env.id(), f);
          f.thread.start();
        });
      }
    }
  }

  int following() {
    return followers.size();
  }

  private Optional<Follower> open(Environment env) {
    RuntimeHosts all = hosts.get();
    Optional<RuntimeBackend> backend = all == null || env.runtimeHost() == null ? Optional.empty()
        : all.find(env.runtimeHost());
    if (backend.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<String> container = backend.get().list(Map.of(ContainerReader.LABEL_ENVIRONMENT, env.id())).stream()
          .filter(ContainerInfo::running).map(ContainerInfo::id).findFirst();
      if (container.isEmpty()) {
        return Optional.empty();
      }
      InputStream log = backend.get().logs(container.get(), BACKLOG, true);
      return Optional.of(new Follower(env, log, newestStored.apply(env.id()).orElse(null)));
    } catch (IOException | RuntimeException e) {
      LOG.debug("logs of environment {} not followed yet: {}", env.id(), e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    followers.values().forEach(Follower::close);
    followers.clear();
  }

  private final class Follower implements AutoCloseable {
    private final Environment env;
    private final InputStream log;
    private final Instant after;
    private final Thread thread;

    Follower(Environment env, InputStream log, Instant after) {
      this.env = env;
      this.log = log;
      this.after = after;
      this.thread = new Thread(this::run, "stoker-logs-" + env.id());
      this.thread.setDaemon(true);
    }

    private void run() {
      String stage = env.spec().stage() == null ? "" : env.spec().stage().name().toLowerCase(Locale.ROOT);
      ZoneOffset zone = ZoneOffset.UTC;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
        String raw;
        while ((raw = in.readLine()) != null) {
          if (raw.isBlank()) {
            continue;
          }
          GatewayLogLines.Line line = GatewayLogLines.parse(raw, zone, clock.instant());
          if (after != null && !line.time().isAfter(after)) {
            continue;
          }
          lines.accept(new LogEntry(UUID.randomUUID().toString(), env.id(), stage, line.time(), line.level(),
              line.logger(), line.message()));
        }
      } catch (IOException e) {
        // closed by close() or the engine ended the stream
      } catch (RuntimeException e) {
        LOG.warn("following the logs of environment {} stopped: {}", env.id(), e.toString());
      } finally {
        followers.remove(env.id(), this);
      }
    }

    @Override
    public void close() {
      try {
        log.close();
      } catch (IOException e) {
        // going away anyway
      }
    }
  }
}
