package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.ChainVerification;
import dev.stoker.store.internal.Standalone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security issue class 8: deleting the newest audit rows is detected through the anchor outside the database. */
class AuditAnchorTest {
  @TempDir
  Path data;
  private JdbcDataSource ds;
  private SecurityService security;

  @BeforeEach
  void setUp() throws Exception {
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    var settings = SecurityServiceTest.settings(data, Map.of());
    security = new SecurityService(Standalone.open(ds), settings, data, new SecurityServiceTest.MutableClock(),
        new PasswordHasher(1024, 1, 1), Map.of());
    for (int i = 0; i < 5; i++) {
      append("t" + i);
    }
  }

  private void append(String target) {
    security.append(new AuditRecord("admin", "secret.reveal", target, "127.0.0.1", AuditOutcome.SUCCESS, ""));
  }

  private void sql(String statement) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void anIntactLogVerifies() {
    ChainVerification v = security.verify();
    assertTrue(v.intact(), v.reason());
    assertEquals(6, v.checked());
  }

  @Test
  void deletingTheNewestRowsIsDetected() throws Exception {
    sql("DELETE FROM stoker_audit WHERE seq >= 5"); // the chain that is left is consistent by itself
    ChainVerification v = security.verify();
    assertFalse(v.intact());
    assertEquals(5L, v.firstBrokenSeq());
    assertTrue(v.reason().contains("entries 5 to 6 are missing"), v.reason());
  }

  @Test
  void newEntriesDoNotHideTheDeletion() throws Exception {
    sql("DELETE FROM stoker_audit WHERE seq >= 5");
    append("after-1");
    append("after-2");
    append("after-3"); // seq 5..7 again, a consistent chain
    ChainVerification v = security.verify();
    assertFalse(v.intact());
    assertTrue(v.reason().contains("fell behind the audit anchor (entry 6"), v.reason());
  }

  @Test
  void anAlteredAnchorIsReported() throws Exception {
    Path anchor = data.resolve("stoker").resolve("audit-anchor");
    String[] parts = Files.readString(anchor).trim().split(" ");
    Files.writeString(anchor, "9 " + parts[1] + " " + parts[2] + "\n");
    ChainVerification v = security.verify();
    assertFalse(v.intact());
    assertTrue(v.reason().contains("was altered"), v.reason());
  }

  @Test
  void anAppendThatCannotBeAnchoredFails() throws Exception {
    Path dir = data.resolve("stoker");
    Files.delete(dir.resolve("audit-anchor"));
    Files.delete(dir);
    Files.writeString(dir, "a file where the folder should be");
    assertThrows(RuntimeException.class, () -> append("unanchored"), "fail closed");
  }

  @Test
  void anAnchorPutBackBehindTheNodesBackIsReported() throws Exception {
    Path anchor = data.resolve("stoker").resolve("audit-anchor");
    Path old = data.resolve("anchor-copy");
    Files.copy(anchor, old);
    append("t5");
    // A validly signed but older anchor: the file alone cannot tell; the head in memory can.
    Files.copy(old, anchor, StandardCopyOption.REPLACE_EXISTING);
    ChainVerification v = security.verify();
    assertFalse(v.intact());
    assertTrue(v.reason().contains("changed behind Stoker's back"), v.reason());
  }

  @Test
  void appendsUseTheHeadReadAtStart() throws Exception {
    Path file = data.resolve("unit").resolve("anchor");
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    AuditAnchor anchor = new AuditAnchor(file, key);
    assertEquals(Optional.empty(), anchor.head());
    anchor.write(1, "aa11");
    Files.writeString(file, "garbage\n");
    assertEquals(Optional.of(new AuditAnchor.Head(1, "aa11")), anchor.head(), "not read again on append");
    assertThrows(IllegalStateException.class, anchor::verifiedHead, "but verify reads the file");

    AuditAnchor restarted = new AuditAnchor(file, key);
    assertThrows(IllegalStateException.class, restarted::head, "a bad file is not trusted after a restart");
    restarted.write(2, "bb22");
    assertEquals(Optional.of(new AuditAnchor.Head(2, "bb22")), restarted.verifiedHead());
  }
}
