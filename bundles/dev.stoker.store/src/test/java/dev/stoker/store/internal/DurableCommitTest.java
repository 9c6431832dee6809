package dev.stoker.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.testing.OsgiConfigs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit to the embedded database must survive the process being killed right after it: the broker keeps
 * work messages durably, and a message whose row was lost would point at nothing after a restart.
 */
class DurableCommitTest {
  @TempDir
  Path tmp;

  /**
   * Child process: commits one row through the production data source and halts the JVM at once, as kill -9
   * would, while its pooled connection is still open (closing the last connection would flush the file).
   */
  public static void main(String[] args) throws Exception {
    DatabaseSettings settings = DatabaseSettings.resolve(defaults(), Path.of(args[0]), Map.of());
    DataSource pool = H2DataSources.create(settings);
    Connection c = pool.getConnection();
    Statement s = c.createStatement();
    s.execute("CREATE TABLE crash_probe(id INT PRIMARY KEY)");
    s.execute("CHECKPOINT"); // everything before is on disk, so only the next commit is at stake
    s.execute("INSERT INTO crash_probe VALUES (42)");
    Runtime.getRuntime().halt(9);
  }

  private static StoreConfig defaults() {
    return OsgiConfigs.defaults(StoreConfig.class);
  }

  @Test
  void commitSurvivesHalt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DurableCommitTest.class.getName(), tmp.toString()).inheritIO().start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not finish");
    assertEquals(9, child.exitValue(), "the child halts after its commit");

    DatabaseSettings settings = DatabaseSettings.resolve(defaults(), tmp, Map.of());
    try (Connection c = H2DataSources.create(settings).getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crash_probe WHERE id = 42")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1), "the committed row is there after the crash");
    }
  }

  @Test
  void embeddedFileUrlsGetDurableCommitsAndOthersAreLeftAlone() {
    assertEquals("jdbc:h2:file:/x;WRITE_DELAY=0", DatabaseSettings.durableH2("jdbc:h2:file:/x"),
        "no AUTO_SERVER unless the admin asks");
    assertEquals("jdbc:h2:./x;WRITE_DELAY=0", DatabaseSettings.durableH2("jdbc:h2:./x"));
    assertEquals("jdbc:h2:./x;AUTO_SERVER=TRUE;WRITE_DELAY=0", DatabaseSettings.durableH2("jdbc:h2:./x;AUTO_SERVER=TRUE"));
    assertEquals("jdbc:h2:~/x;MODE=PostgreSQL;WRITE_DELAY=0", DatabaseSettings.durableH2("jdbc:h2:~/x;MODE=PostgreSQL"));
    assertEquals("jdbc:h2:file:/x;write_delay=100", DatabaseSettings.durableH2("jdbc:h2:file:/x;write_delay=100"));
    assertEquals("jdbc:h2:mem:x", DatabaseSettings.durableH2("jdbc:h2:mem:x"));
    assertEquals("jdbc:h2:tcp://db/x", DatabaseSettings.durableH2("jdbc:h2:tcp://db/x"));
    assertEquals("jdbc:postgresql://db/stoker", DatabaseSettings.durableH2("jdbc:postgresql://db/stoker"));
  }
}
