package dev.stoker.store.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Versioned schema migrations, owned by the bundle whose entities use the tables: bundle
 * {@code dev.stoker.x} keeps its SQL under {@code db/migration/dev.stoker.x/} and its own history table
 * {@code stoker_history_x}. The store runs a bundle's migrations the first time that bundle asks for an
 * entity manager factory, so a bundle added later brings its schema with it. The SQL is written once for
 * H2 and PostgreSQL; each bundle's tests run it on both.
 *
 * <p>Several migration sets share one database schema, so each history table is created by a baseline at
 * version 0 (Flyway refuses a non-empty schema without one). Databases made before migrations moved into
 * their bundles have every script recorded in {@code stoker_schema_history}: a bundle whose scripts are
 * all there is baselined at its highest legacy version instead, so nothing runs twice.
 */
final class Migrations {
  static final String LEGACY_HISTORY = "stoker_schema_history";
  /**
   * The scripts each bundle had in the store's single history before migrations moved into the bundles
   * (same file names, now under each bundle's {@code db/migration/<bundle>/}).
   */
  private static final Map<String, List<String>> LEGACY_SCRIPTS = Map.of(
      "dev.stoker.security", List.of("V1__security.sql"),
      "dev.stoker.environments", List.of("V2__environments.sql", "V4__environment_artifacts_backups.sql"),
      "dev.stoker.secrets", List.of("V3__secrets.sql"));

  private Migrations() {
  }

  /**
   * @param dataSource the database
   * @param schema the owner's id, its bundle symbolic name (e.g. {@code dev.stoker.security})
   * @param owner a class loader that sees the owner's resources (its bundle's class loader)
   * @return how many migrations were applied now
   */
  static int migrate(DataSource dataSource, String schema, ClassLoader owner) {
    synchronized (Migrations.class) {
      // one bundle's migrations at a time: bundles activate in parallel at boot, and concurrent DDL on the
      // embedded database could time out on its locks, leaving a migration marked failed for good
      return migrateAlone(dataSource, schema, owner);
    }
  }

  private static int migrateAlone(DataSource dataSource, String schema, ClassLoader owner) {
    String location = "db/migration/" + schema;
    Flyway flyway = Flyway.configure(new OwnerResources(Migrations.class.getClassLoader(), owner, location))
        .dataSource(dataSource)
        .locations("classpath:" + location)
        .table(historyTable(schema))
        .baselineOnMigrate(true)
        .baselineVersion(legacyBaseline(dataSource, schema))
        .baselineDescription("schema of " + schema)
        .load();
    refuseNewer(flyway, schema);
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }

  /**
   * Refuses a database whose schema a newer Stoker migrated: Flyway would ignore such "future" migrations, and
   * this version would then read and write tables it does not know the shape of.
   */
  static void refuseNewer(Flyway flyway, String schema) {
    MigrationInfo[] applied = flyway.info().applied();
    MigrationInfo newest = null;
    MigrationInfo known = null;
    for (MigrationInfo m : applied) {
      if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
        newest = m;
      } else {
        known = m;
      }
    }
    if (newest != null) {
      throw new IllegalStateException("the schema of " + schema + " in this database is at version "
          + newest.getVersion() + " (" + newest.getDescription() + "), newer than this Stoker knows ("
          + (known == null ? "none" : known.getVersion()) + "): the data was written by a newer Stoker. Start that"
          + " version again, or restore a backup made by this one (docs/admin.md, Rolling back an upgrade)");
    }
  }

  /** @return {@code stoker_history_<last segment>}, e.g. {@code stoker_history_environments} */
  static String historyTable(String schema) {
    String last = schema.substring(schema.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (!last.matches("[a-z][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("schema: '" + schema + "' does not end in a plain name");
    }
    return "stoker_history_" + last;
  }

  /** @return the schema of entities: the bundle's root package, i.e. the package up to {@code .internal} */
  static String schemaOf(Class<?> entity) {
    String pkg = entity.getPackageName();
    int internal = pkg.indexOf(".internal");
    return internal < 0 ? pkg : pkg.substring(0, internal);
  }

  /**
   * @return "0" for a database that never saw the owner's scripts; the highest legacy version of the
   *     owner's scripts when all of them are recorded in the legacy history
   */
  private static String legacyBaseline(DataSource dataSource, String schema) {
    List<String> scripts = LEGACY_SCRIPTS.getOrDefault(schema, List.of());
    if (scripts.isEmpty()) {
      return "0";
    }
    try (Connection c = dataSource.getConnection()) {
      if (!tableExists(c, LEGACY_HISTORY)) {
        return "0";
      }
      int highest = 0;
      for (String script : scripts) {
        try (PreparedStatement q = c.prepareStatement(
            "SELECT \"version\" FROM \"" + LEGACY_HISTORY + "\" WHERE \"script\" = ? AND \"success\" = TRUE")) {
          q.setString(1, script);
          try (ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
              return "0";
            }
            highest = Math.max(highest, Integer.parseInt(rs.getString(1)));
          }
        }
      }
      return String.valueOf(highest);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the legacy schema history: " + e.getMessage(), e);
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet rs = meta.getTables(null, c.getSchema(), name, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
