package dev.stoker.backup.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Finds work that lives in the broker's queue rather than in the database: environment operations that are queued
 * or running (their message is in Artemis' journal, which a backup does not hold). Everything else the broker
 * carries is re-derived from the database after a restore (pipeline runs resume from their rows, events are not
 * kept), so a backup taken while no operation is in flight loses nothing.
 */
final class BusyWork {
  private final DataSource db;

  BusyWork(DataSource db) {
    this.db = db;
  }

  /** @return the ids of operations queued or running (at most 10), empty when none or no such table */
  List<String> operationsInFlight() {
    List<String> ids = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT id FROM stoker_operation WHERE status IN ('QUEUED', 'RUNNING')")) {
      s.setMaxRows(10);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
    } catch (SQLException e) {
      // no environments bundle has created the table: nothing is in flight
    }
    return ids;
  }
}
