package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactKind;
import dev.stoker.api.store.Transactions;
import dev.stoker.store.internal.ScratchSchema;
import dev.stoker.store.internal.Standalone;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code V7__artifact_projects.sql} on a database that holds artifacts of the earlier shape (one row per content):
 * they become entries for everyone, and entries for projects can be added next to them. On H2 and, with
 * {@code STOKER_TEST_PG_URL} (see {@code scripts/ensure-postgres.sh}), on PostgreSQL.
 */
class ArtifactMigrationTest {
  private static final String SHA = "ab".repeat(32);

  @Test
  void existingArtifactsBecomeEntriesForEveryoneOnH2() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrateWithAnOldArtifact(ds);
  }

  @Test
  void existingArtifactsBecomeEntriesForEveryoneOnPostgres() throws Exception {
    Assumptions.assumeTrue(ScratchSchema.configured(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    try (ScratchSchema pg = ScratchSchema.create()) {
      migrateWithAnOldArtifact(pg.dataSource());
    }
  }

  private static void migrateWithAnOldArtifact(DataSource ds) throws Exception {
    // the schema as version 6 left it, with the history table the store's migrations use for this bundle
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/dev.stoker.environments")
        .table("stoker_history_environments").target("6").load().migrate();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO stoker_artifact (sha256, kind, file_name, size_bytes, attributes_json, "
          + "created_by, created_at) VALUES ('" + SHA + "', 'MODULE', 'old.modl', 12, '{\"moduleId\":\"m\"}', "
          + "'ann', 1000)");
    }
    EntityManagerFactory emf = Standalone.open(ds).createEntityManagerFactory("artifacts",
        List.of(ArtifactEntity.class));
    try {
      Artifacts artifacts = new Artifacts(new Transactions(emf), () -> null, null, Clock.systemUTC(), 0);
      Artifact old = artifacts.get(SHA).orElseThrow();
      assertEquals("old.modl", old.fileName());
      assertEquals(ArtifactKind.MODULE, old.kind());
      assertEquals(Map.of("moduleId", "m"), old.attributes());
      assertNull(old.project(), "an artifact of before is for everyone");
      new Transactions(emf).write(em -> {
        ArtifactEntity row = new ArtifactEntity();
        row.id = ArtifactEntity.key(SHA, "line3");
        row.sha256 = SHA;
        row.project = "line3";
        row.kind = "MODULE";
        row.fileName = "line3.modl";
        row.size = 12;
        row.attributesJson = "{}";
        row.createdBy = "ann";
        row.createdAt = 2000;
        em.persist(row);
        return null;
      });
      assertEquals(List.of("old.modl", "line3.modl"), artifacts.entries(SHA).stream().map(Artifact::fileName)
          .toList(), "a project's entry next to everyone's");
      assertEquals(2, artifacts.list(dev.stoker.api.common.PageRequest.first()).total());
    } finally {
      emf.close();
    }
  }
}
