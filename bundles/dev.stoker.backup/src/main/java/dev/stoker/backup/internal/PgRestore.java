package dev.stoker.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The database side of a restore: which database the install is configured for ({@code etc/dev.stoker.store.cfg},
 * the password from the environment or the file it names), whether the archive's database fits it, and, for a
 * PostgreSQL dump, loading it with {@code psql} in one transaction. Everything that can refuse is checked in
 * {@link #check} before the restore writes anything.
 */
final class PgRestore {
  static final String STORE_CFG = "dev.stoker.store.cfg";
  static final String BACKUP_CFG = "dev.stoker.backup.cfg";

  private final PgTools tools;
  private final PgTarget target;
  private final boolean replace;

  private PgRestore(PgTools tools, PgTarget target, boolean replace) {
    this.tools = tools;
    this.target = target;
    this.replace = replace;
  }

  /**
   * @param install the install restored onto (its {@code etc/} before the restore)
   * @param postgresDump whether the archive holds a PostgreSQL dump (else an H2 database)
   * @param replace whether a PostgreSQL target that holds tables may be emptied
   * @return the loader of a PostgreSQL dump, or {@code null} for an H2 archive
   * @throws Restorer.RestoreException when the archive's database does not fit the install's, the target cannot be
   *     reached or is not empty (without {@code replace}), or psql is missing
   */
  static PgRestore check(Layout install, Map<String, String> env, boolean postgresDump, boolean replace)
      throws IOException, Restorer.RestoreException {
    Map<String, String> store = read(install.etc().resolve(STORE_CFG));
    boolean postgresInstall = PgTarget.configured(store);
    if (!postgresDump) {
      if (postgresInstall) {
        throw new Restorer.RestoreException("url: the backup holds an embedded H2 database, but etc/" + STORE_CFG
            + " points this install at PostgreSQL: restore it onto an install with the embedded database (url"
            + " empty)");
      }
      return null;
    }
    if (!postgresInstall) {
      throw new Restorer.RestoreException("url: the backup holds a PostgreSQL database: first set url, user and the"
          + " password of etc/" + STORE_CFG + " (STOKER_DB_URL, STOKER_DB_USER, STOKER_DB_PASSWORD in the image)"
          + " to the database to restore it into");
    }
    try {
      PgTarget target = PgTarget.resolve(store, env);
      PgTools tools = new PgTools(read(install.etc().resolve(BACKUP_CFG)).get(PgTools.SETTING), env.get("PATH"));
      int held = tools.relations(target);
      if (held > 0 && !replace) {
        throw new Restorer.RestoreException("database: " + target.describe() + " is not empty (" + held
            + " tables, views or sequences): restore into an empty database, or pass --replace to drop what it"
            + " holds");
      }
      return new PgRestore(tools, target, replace);
    } catch (IllegalArgumentException | PgTools.PgException e) {
      throw new Restorer.RestoreException(e.getMessage());
    }
  }

  /** Loads the dump in one transaction (emptying the database first when replacing); on failure nothing changed. */
  void load(Path sql) throws IOException, Restorer.RestoreException {
    try {
      tools.load(target, sql, replace);
    } catch (PgTools.PgException e) {
      throw new Restorer.RestoreException(e.getMessage() + " (the database was left as it was)");
    }
  }

  /** @return a {@code .cfg} file's keys, empty when there is no such file */
  static Map<String, String> read(Path cfg) throws IOException {
    Map<String, String> out = new HashMap<>();
    if (Files.isRegularFile(cfg)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(cfg)) {
        p.load(in);
      }
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
    }
    return out;
  }
}
