package dev.stoker.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.EnvironmentService;
import java.util.Map;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** Failures of {@code stoker:*} commands are thrown, so that {@code bin/client} exits non-zero. */
class StokerCommandTest {

  private static EnvChangeCommands.Stop stop(RuntimeException failure) {
    EnvChangeCommands.Stop c = new EnvChangeCommands.Stop();
    c.environments = ShellTestSupport.stub(EnvironmentService.class, Map.of("change", args -> {
      throw failure;
    }));
    c.id = "env-1";
    return c;
  }

  @Test
  void serviceFailuresBecomeOneErrorLine() {
    CommandException e = assertThrows(CommandException.class,
        () -> stop(new NotFoundException("id: environment 'env-1' not found")).execute());
    assertEquals("id: environment 'env-1' not found", e.getMessage());
    assertEquals("Error: id: environment 'env-1' not found", e.getNiceHelp());

    e = assertThrows(CommandException.class, () -> stop(new UnavailableException("docker: unreachable")).execute());
    assertEquals("Error: docker: unreachable", e.getNiceHelp());
  }

  @Test
  void bugsPropagateAsTheyAre() {
    NullPointerException bug = new NullPointerException("oops");
    assertSame(bug, assertThrows(NullPointerException.class, () -> stop(bug).execute()));
  }
}
