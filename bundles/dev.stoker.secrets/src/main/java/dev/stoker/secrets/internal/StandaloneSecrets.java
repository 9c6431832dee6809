package dev.stoker.secrets.internal;

import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.store.Persistence;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The secret service outside the OSGi container, for tests of other bundles and command-line tools: the
 * built-in encrypted store on the given persistence, the master key and leases under {@code dataDir} with
 * the default settings, no background work and no events. The package is not exported, so bundles never see
 * this class.
 */
public final class StandaloneSecrets implements AutoCloseable {
  private final EncryptedJpaStore store;
  private final SecretServiceImpl service;

  private StandaloneSecrets(EncryptedJpaStore store, SecretServiceImpl service) {
    this.store = store;
    this.service = service;
  }

  /**
   * @param persistence a migrated store, e.g. {@code dev.stoker.store.internal.Standalone.open(h2)}
   * @param audit where audit entries go
   * @param dataDir the master key goes to {@code <dataDir>/stoker/master.key}, leases below it
   */
  public static StandaloneSecrets open(Persistence persistence, AuditLog audit, Path dataDir) throws IOException {
    Settings settings = Settings.of(Settings.defaultConfig(), dataDir, dataDir)
        .withMasterKeyFile(Settings.legacyMasterKeyFile(dataDir));
    Clock clock = Clock.systemUTC();
    EncryptedJpaStore store = new EncryptedJpaStore(persistence, settings, clock, Map.of());
    try {
      return new StandaloneSecrets(store,
          new SecretServiceImpl(store, SecretServiceImpl.BUILTIN_STORE, audit, settings, clock, false));
    } catch (IOException | RuntimeException e) {
      store.deactivate();
      throw e;
    }
  }

  /** @return the service */
  public SecretService service() {
    return service;
  }

  @Override
  public void close() {
    service.deactivate();
    store.deactivate();
  }
}
