package dev.stoker.backup.internal;

import dev.stoker.api.backup.BackupInfo;
import dev.stoker.api.backup.BackupRequest;
import dev.stoker.api.backup.BackupService;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.store.Persistence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup service: writes archives on request and on the configured schedule, keeps the newest {@code keep}.
 * One backup at a time.
 */
@Component(service = BackupService.class, configurationPid = "dev.stoker.backup",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BackupConfig.class)
public class BackupServiceImpl implements BackupService {
  private static final Logger LOG = LoggerFactory.getLogger(BackupServiceImpl.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  static final String SCHEDULE = "schedule";

  private final Persistence persistence;
  private final BackupConfig config;
  private final Path directory;
  private final BackupWriter writer;
  private final BusyWork busy;
  private final ReentrantLock writing = new ReentrantLock();
  private final ScheduledExecutorService scheduler;

  @Activate
  public BackupServiceImpl(@Reference Persistence persistence, @Reference ConfigurationAdmin configAdmin,
      BundleContext context, BackupConfig config) {
    this(persistence, config, layout(context), context.getBundle().getVersion().toString(),
        () -> storeConfiguration(configAdmin));
  }

  /** @param store the store's configuration (PID {@code dev.stoker.store}), read when a PostgreSQL dump is made */
  BackupServiceImpl(Persistence persistence, BackupConfig config, Layout layout, String version,
      StoreSettings store) {
    this.persistence = persistence;
    this.config = config;
    this.directory = config.directory().isBlank() ? layout.data().resolve("backups") : Path.of(config.directory());
    PgTools pg = new PgTools(config.pgBinDirectory(), System.getenv("PATH"));
    this.writer = new BackupWriter(layout, version, file -> {
      try {
        pg.dump(PgTarget.resolve(store.read(), System.getenv()), file);
      } catch (IllegalArgumentException e) {
        throw new PgTools.PgException(e.getMessage());
      }
    });
    this.busy = new BusyWork(persistence.dataSource());
    if (config.everyHours() > 0) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stoker-backup-schedule");
        t.setDaemon(true);
        return t;
      });
      scheduler.scheduleWithFixedDelay(this::scheduled, config.everyHours(), config.everyHours(), TimeUnit.HOURS);
      LOG.info("Backups every {} h into {}, keeping {}", config.everyHours(), directory, config.keep());
    } else {
      scheduler = null;
    }
  }

  /** Reads the store's configuration. */
  interface StoreSettings {
    Map<String, ?> read() throws IOException;
  }

  private static Map<String, ?> storeConfiguration(ConfigurationAdmin admin) throws IOException {
    try {
      Configuration[] found = admin.listConfigurations("(service.pid=dev.stoker.store)");
      Map<String, Object> out = new HashMap<>();
      if (found != null && found[0].getProperties() != null) {
        Dictionary<String, Object> p = found[0].getProperties();
        for (String key : Collections.list(p.keys())) {
          out.put(key, p.get(key));
        }
      }
      return out;
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Layout layout(BundleContext context) {
    String data = context.getProperty("karaf.data");
    String etc = context.getProperty("karaf.etc");
    return new Layout(Path.of(data == null ? "data" : data), Path.of(etc == null ? "etc" : etc));
  }

  @Deactivate
  void deactivate() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  void scheduled() {
    String env = config.passphraseEnv().isBlank() ? null : System.getenv(config.passphraseEnv());
    BackupRequest request = env == null || env.isEmpty() ? BackupRequest.withoutKeys() : new BackupRequest(true, env);
    try {
      create(request, SCHEDULE);
    } catch (RuntimeException e) {
      LOG.warn("Scheduled backup skipped: {}", e.getMessage());
    }
  }

  @Override
  public BackupInfo create(BackupRequest request, String actor) {
    if (request.includeKeys() && (request.passphrase() == null
        || request.passphrase().length() < KeyVault.MIN_PASSPHRASE)) {
      throw new InvalidInputException("passphrase", "at least " + KeyVault.MIN_PASSPHRASE
          + " characters are needed to include the keys");
    }
    if (!writing.tryLock()) {
      throw new ConflictException("a backup is being written; try again when it is done");
    }
    try {
      List<String> inFlight = busy.operationsInFlight();
      if (!inFlight.isEmpty()) {
        throw new ConflictException("environment operations are queued or running (" + String.join(", ", inFlight)
            + "); their queue is not part of a backup: back up once they are done");
      }
      BackupInfo info = writer.write(directory, freeName(), persistence.dataSource(),
          persistence.databaseProduct(), request);
      int pruned = Retention.prune(directory, config.keep());
      LOG.info("Backup {} written for {} ({} bytes, keys {}); {} old archive(s) removed", info.name(), actor,
          info.sizeBytes(), info.keysIncluded() ? "included" : "left out", pruned);
      return info;
    } catch (IOException e) {
      throw new UnavailableException("directory: the backup could not be written: " + e.getMessage(), e);
    } finally {
      writing.unlock();
    }
  }

  private String freeName() {
    String stamp = "stoker-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
    String name = stamp + ".zip";
    for (int i = 1; Files.exists(directory.resolve(name)); i++) {
      name = stamp + "-" + i + ".zip";
    }
    return name;
  }

  @Override
  public List<BackupInfo> list() {
    try {
      return Retention.list(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public InputStream open(String name) throws IOException {
    return Files.newInputStream(existing(name));
  }

  @Override
  public void delete(String name) throws IOException {
    Files.delete(existing(name));
  }

  private Path existing(String name) {
    if (name == null || !Retention.NAME.matcher(name).matches() || !Files.isRegularFile(directory.resolve(name))) {
      throw new NotFoundException("name", "no backup named '" + name + "'");
    }
    return directory.resolve(name);
  }
}
