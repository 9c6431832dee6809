package dev.stoker.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import dev.stoker.probe.internal.ProbeItem;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Each bundle owns its migrations ({@code db/migration/<bundle>/}) and history table; the store runs them
 * when the bundle first builds a factory. Runs on H2 and, with {@code STOKER_TEST_PG_URL} (plus
 * {@code STOKER_TEST_PG_USER}/{@code STOKER_TEST_PG_PASSWORD}, set by the test script), on PostgreSQL.
 */
class MigrationsTest {

  private static JdbcDataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  @Test
  void aBundlesMigrationsRunWhenItFirstBuildsAFactoryAndOnlyOnce() throws Exception {
    assertOwnedSchema(h2());
  }

  @Test
  void onPostgres() throws Exception {
    Assumptions.assumeTrue(ScratchSchema.configured(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    try (ScratchSchema pg = ScratchSchema.create()) {
      assertOwnedSchema(pg.dataSource());
    }
  }

  private static void assertOwnedSchema(DataSource ds) throws Exception {
    // another bundle's table already there: the schema is not empty when the probe's set starts
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE other_bundle_table (id INT PRIMARY KEY)");
    }
    Persistence persistence = Standalone.open(ds);
    EntityManagerFactory emf = persistence.createEntityManagerFactory("probe", List.of(ProbeItem.class));
    new Transactions(emf).write(em -> {
      ProbeItem item = new ProbeItem();
      item.id = "a";
      item.label = "first";
      item.note = "from V2";
      em.persist(item);
      return null;
    });
    emf.close();
    assertEquals(List.of("0", "1", "2"), versions(ds, "stoker_history_probe"), "baseline 0, then V1 and V2");

    // a second factory (a restart) applies nothing and sees the row
    EntityManagerFactory again = Standalone.open(ds).createEntityManagerFactory("probe", List.of(ProbeItem.class));
    assertEquals("from V2", new Transactions(again).read(em -> em.find(ProbeItem.class, "a").note));
    again.close();
    assertEquals(List.of("0", "1", "2"), versions(ds, "stoker_history_probe"));
  }

  @Test
  void aDatabaseFromBeforeTheMoveIsBaselinedAtItsLegacyVersion() throws Exception {
    JdbcDataSource ds = h2();
    // what the store's single history recorded for the security bundle's script, with its table
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"stoker_schema_history\" (\"installed_rank\" INT, \"version\" VARCHAR(50),"
          + " \"script\" VARCHAR(1000), \"success\" BOOLEAN)");
      s.execute("INSERT INTO \"stoker_schema_history\" VALUES (1, '1', 'V1__security.sql', TRUE)");
      s.execute("CREATE TABLE stoker_user (username VARCHAR(64) PRIMARY KEY)");
    }
    ClassLoader security = new ClassLoader(getClass().getClassLoader()) {
      @Override
      public java.net.URL getResource(String name) {
        return null; // its scripts must not run again: a second CREATE TABLE stoker_user would fail
      }

      @Override
      public java.util.Enumeration<java.net.URL> getResources(String name) {
        return java.util.Collections.emptyEnumeration();
      }
    };
    assertEquals(0, Migrations.migrate(ds, "dev.stoker.security", security));
    assertEquals(List.of("1"), versions(ds, "stoker_history_security"), "baselined at the legacy version");
    // a bundle without legacy scripts starts at 0
    assertEquals(2, Migrations.migrate(ds, "dev.stoker.probe", getClass().getClassLoader()));
  }

  @Test
  void schemaIsTheBundleRootPackage() {
    assertEquals("dev.stoker.probe", Migrations.schemaOf(ProbeItem.class));
    assertEquals("stoker_history_docker", Migrations.historyTable("dev.stoker.runtime.docker"));
  }

  @Test
  void aDatabaseMigratedByANewerStokerIsRefusedWithAClearMessage() throws Exception {
    JdbcDataSource ds = h2();
    Standalone.open(ds).createEntityManagerFactory("probe", List.of(ProbeItem.class)).close();
    // what a newer version's V3 would have left in the history
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO \"stoker_history_probe\" (\"installed_rank\", \"version\", \"description\", \"type\","
          + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
          + " VALUES (4, '3', 'probe color', 'SQL', 'V3__probe_color.sql', 1, 'sa', 1, TRUE)");
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Standalone.open(ds).createEntityManagerFactory("probe", List.of(ProbeItem.class)));
    String message = rootMessage(e);
    assertTrue(message.contains("version 3 (probe color), newer than this Stoker knows (2)"), message);
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" / ");
    }
    return all.toString();
  }

  private static List<String> versions(DataSource ds, String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"" + table + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
