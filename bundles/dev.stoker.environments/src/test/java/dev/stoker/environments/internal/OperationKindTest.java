package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.environment.LifecycleAction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored kind strings are a contract: rows written before the enum existed must stay readable. */
class OperationKindTest {

  @Test
  void storedIdsAreTheOnesEarlierVersionsWrote() {
    assertEquals(List.of("environment.create", "environment.start", "environment.stop", "environment.restart",
        "environment.destroy", "environment.destroy-with-volume", "environment.backup", "environment.restore",
        "environment.rollback", "environment.upgrade"), Arrays.stream(OperationKind.values()).map(OperationKind::id)
        .toList());
    for (OperationKind kind : OperationKind.values()) {
      assertEquals(kind, OperationKind.fromId(kind.id()));
    }
    assertThrows(IllegalStateException.class, () -> OperationKind.fromId("environment.teleport"));
  }

  @Test
  void everyLifecycleActionHasItsKindNamedAsBefore() {
    for (LifecycleAction action : LifecycleAction.values()) {
      OperationKind kind = OperationKind.of(action);
      assertEquals("environment." + action.id(), kind.id());
      assertEquals(action, kind.action());
    }
  }

  @Test
  void onlyBackupsRestoresUpgradesAndRollbacksAreAuditedAtTheirEnd() {
    assertEquals(List.of(OperationKind.BACKUP, OperationKind.RESTORE, OperationKind.ROLLBACK, OperationKind.UPGRADE),
        Arrays.stream(OperationKind.values()).filter(OperationKind::audited).toList());
  }
}
