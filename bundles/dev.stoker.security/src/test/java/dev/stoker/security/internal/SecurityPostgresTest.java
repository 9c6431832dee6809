package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.ProjectMember;
import dev.stoker.api.security.Role;
import dev.stoker.store.internal.ScratchSchema;
import dev.stoker.store.internal.Standalone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security bundle's own migrations ({@code db/migration/dev.stoker.security}) and mapping on
 * PostgreSQL: needs {@code STOKER_TEST_PG_URL} (see {@code scripts/ensure-postgres.sh}).
 */
class SecurityPostgresTest {
  @TempDir
  Path data;

  @Test
  void migratesAndServesOnPostgres() throws Exception {
    Assumptions.assumeTrue(ScratchSchema.configured(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    try (ScratchSchema pg = ScratchSchema.create()) {
      var settings = SecurityServiceTest.settings(data, Map.of());
      var persistence = Standalone.open(pg.dataSource());
      SecurityService security = new SecurityService(persistence, settings, data,
          new SecurityServiceTest.MutableClock(), new PasswordHasher(1024, 1, 1), Map.of());
      String password = Files.readString(data.resolve(SecurityService.INITIAL_PASSWORD_FILE)).trim();
      assertEquals("admin", security.authenticate(security.login("admin", password.toCharArray(), "127.0.0.1")
          .accessToken()).username());
      assertEquals(Role.ADMIN, security.find("admin").orElseThrow().role());
      for (int i = 0; i < 3; i++) {
        security.append(new AuditRecord("admin", "POST /api/v1/users", "u" + i, "127.0.0.1", AuditOutcome.SUCCESS, ""));
      }
      assertTrue(security.verify().intact(), "the hash chain verifies on PostgreSQL");
      // project bindings: the composite key, and the user row read past the cache
      security.create("vic", Role.VIEWER, "viewer-password-1".toCharArray(), "admin");
      ProjectMembers members = new ProjectMembers(persistence, security);
      members.bind("line3", ProjectMember.Kind.USER, "vic", Role.ENGINEER, Stage.STAGING, "admin");
      assertEquals(java.util.Optional.of(Role.ENGINEER), members.roleOn("vic", "line3", Stage.STAGING));
      assertEquals(java.util.Optional.of(Role.VIEWER), members.roleOn("vic", "line3", Stage.PROD));
      security.setDisabled("vic", true, "admin");
      assertEquals(java.util.Optional.empty(), members.roleOn("vic", "line3", Stage.STAGING));
    }
  }
}
