package dev.stoker.telemetry.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.runtime.RuntimeHosts;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import dev.stoker.api.telemetry.LogEntry;
import dev.stoker.api.telemetry.LogService;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log service: follows the gateway logs of the running environments ({@link LogFollowers}, reconciled every
 * {@code pollIntervalSeconds}), hands each line to the live followers at once and stores lines in batches of a
 * bounded queue (when the database is slow, up to {@value #QUEUE} lines wait, then new ones are dropped and
 * counted), and every {@code maintenanceSeconds} drops lines older than {@code logRetentionHours} and the oldest
 * beyond {@code logMaxEntries}.
 */
@Component(service = LogService.class, configurationPid = "dev.stoker.telemetry")
public class LogServiceImpl implements LogService {
  private static final Logger LOG = LoggerFactory.getLogger(LogServiceImpl.class);
  static final int QUEUE = 100_000;
  private static final int BATCH = 1000;
  private static final int MAX_Q = 200;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final EntityManagerFactory emf;
  private final LogStore store;
  private final EnvironmentService environments;
  private final Clock clock;
  private final Duration retention;
  private final int maxEntries;
  private final LogFollowers followers;
  private final BlockingQueue<LogEntry> pending = new ArrayBlockingQueue<>(QUEUE);
  private final List<Subscription> live = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "stoker-logs");
    t.setDaemon(true);
    return t;
  });

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile RuntimeHosts runtimes;

  @Activate
  public LogServiceImpl(@Reference Persistence persistence, @Reference EnvironmentService environments,
      TelemetryConfig config) {
    this(persistence, environments, config, Clock.systemUTC());
    if (config.logsEnabled()) {
      threads.scheduleWithFixedDelay(this::reconcileQuietly, 0, Math.max(1, config.pollIntervalSeconds()),
          TimeUnit.SECONDS);
    }
    threads.scheduleWithFixedDelay(this::flushQuietly, 500, 500, TimeUnit.MILLISECONDS);
    threads.scheduleWithFixedDelay(this::retainQuietly, 10, Math.max(1, config.maintenanceSeconds()),
        TimeUnit.SECONDS);
  }

  LogServiceImpl(Persistence persistence, EnvironmentService environments, TelemetryConfig config, Clock clock) {
    this.emf = persistence.createEntityManagerFactory("stoker-logs", List.of(LogEntity.class));
    this.store = new LogStore(new Transactions(emf));
    this.environments = environments;
    this.clock = clock;
    this.retention = Duration.ofHours(Math.max(1, config.logRetentionHours()));
    this.maxEntries = Math.max(1000, config.logMaxEntries());
    this.followers = new LogFollowers(() -> runtimes, store::newest, this::collected, clock);
  }

  @Deactivate
  void deactivate() {
    threads.shutdownNow();
    followers.close();
    flush();
    emf.close();
  }

  // ---- collection

  void collected(LogEntry entry) {
    for (Subscription s : live) {
      if (s.matches(entry)) {
        try {
          s.sink.accept(entry);
        } catch (RuntimeException e) {
          LOG.debug("a log follower failed: {}", e.toString());
        }
      }
    }
    if (!pending.offer(entry)) {
      dropped.incrementAndGet();
    }
  }

  /** Lists the running environments and follows their gateways' logs. */
  void reconcile() {
    List<Environment> running = new ArrayList<>();
    int offset = 0;
    while (true) {
      Page<Environment> page = environments.list(new PageRequest(offset, PageRequest.MAX_LIMIT));
      page.items().stream().filter(e -> e.state() == EnvironmentState.RUNNING).forEach(running::add);
      offset += page.items().size();
      if (!page.hasMore() || page.items().isEmpty()) {
        break;
      }
    }
    followers.reconcile(running);
  }

  /** Writes the waiting lines in batches. */
  void flush() {
    List<LogEntry> batch = new ArrayList<>();
    while (pending.drainTo(batch, BATCH) > 0) {
      store.insert(batch);
      batch.clear();
    }
  }

  int retain() {
    return store.retain(clock.instant().minus(retention), maxEntries);
  }

  long dropped() {
    return dropped.get();
  }

  int following() {
    return followers.following();
  }

  private void reconcileQuietly() {
    quietly("following gateway logs", this::reconcile);
  }

  private void flushQuietly() {
    quietly("storing gateway logs", this::flush);
  }

  private void retainQuietly() {
    quietly("removing old gateway logs", this::retain);
  }

  private static void quietly(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed, will retry: {}", what, e.toString());
    }
  }

  // ---- queries

  @Override
  public Page<LogEntry> search(String q, String environment, String level, Instant since, PageRequest page) {
    Filter f = Filter.of(q, environment, level);
    return store.search(f.words, f.environment, f.minLevel, since, page == null ? PageRequest.first() : page);
  }

  @Override
  public AutoCloseable follow(String q, String environment, String level, Consumer<LogEntry> sink) {
    Subscription s = new Subscription(Filter.of(q, environment, level), sink);
    live.add(s);
    return () -> live.remove(s);
  }

  /** Checked search filters. */
  private record Filter(List<String> words, String environment, int minLevel) {
    static Filter of(String q, String environment, String level) {
      List<String> words = List.of();
      if (q != null && !q.isBlank()) {
        if (q.length() > MAX_Q) {
          throw new InvalidInputException("q", "at most " + MAX_Q + " characters");
        }
        words = Arrays.stream(q.toLowerCase(Locale.ROOT).trim().split("\\s+")).distinct().limit(10).toList();
      }
      String env = environment == null || environment.isBlank() ? null : environment.trim();
      if (env != null && !ID.matcher(env).matches()) {
        throw new InvalidInputException("environment", "not an environment id");
      }
      int min = 0;
      if (level != null && !level.isBlank()) {
        min = LEVELS.indexOf(level.trim().toLowerCase(Locale.ROOT));
        if (min < 0) {
          throw new InvalidInputException("level", "one of " + String.join(", ", LEVELS));
        }
      }
      return new Filter(words, env, min);
    }

    boolean matches(LogEntry e) {
      if (environment != null && !environment.equals(e.environment()) || LEVELS.indexOf(e.level()) < minLevel) {
        return false;
      }
      String text = (e.logger() + " " + e.message()).toLowerCase(Locale.ROOT);
      return words.stream().allMatch(text::contains);
    }
  }

  private record Subscription(Filter filter, Consumer<LogEntry> sink) {
    boolean matches(LogEntry e) {
      return filter.matches(e);
    }
  }
}
