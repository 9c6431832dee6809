package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.store.Transactions;
import dev.stoker.store.internal.ScratchSchema;
import dev.stoker.store.internal.Standalone;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The environments bundle's own migrations ({@code db/migration/dev.stoker.environments}) and its entity
 * mapping on PostgreSQL: needs {@code STOKER_TEST_PG_URL} (see {@code scripts/ensure-postgres.sh}).
 */
class EnvironmentsPostgresTest {

  @Test
  void migratesAndMapsOnPostgres() throws Exception {
    Assumptions.assumeTrue(ScratchSchema.configured(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    try (ScratchSchema pg = ScratchSchema.create()) {
      EntityManagerFactory emf = Standalone.open(pg.dataSource()).createEntityManagerFactory("environments",
          List.of(EnvironmentEntity.class, OperationEntity.class, ArtifactEntity.class, BackupEntity.class));
      try {
        Transactions tx = new Transactions(emf);
        for (String entity : List.of("EnvironmentEntity", "OperationEntity", "ArtifactEntity", "BackupEntity")) {
          long rows = tx.read(em -> em.createQuery("SELECT COUNT(e) FROM " + entity + " e", Long.class)
              .getSingleResult());
          assertEquals(0L, rows, entity + " maps onto its migrated table");
        }
      } finally {
        emf.close();
      }
    }
  }
}
