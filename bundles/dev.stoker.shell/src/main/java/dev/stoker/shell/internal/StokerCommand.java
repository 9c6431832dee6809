package dev.stoker.shell.internal;

import java.util.NoSuchElementException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/**
 * Base of every {@code stoker:*} command. A command that fails throws, so that {@code bin/client} and
 * scripts see a non-zero exit status: the expected failures of Stoker's services (bad input, an unknown id,
 * a conflict, a refusal, a backend that is down; their messages start with the field name) become a
 * {@link CommandException} that the console prints as one line, {@code Error: <message>}, and logs at debug
 * level only. Anything else is a bug and propagates as it is, for Karaf to log with its stack trace.
 */
public abstract class StokerCommand implements Action {

  @Override
  public final Object execute() throws Exception {
    try {
      return run();
    } catch (RuntimeException e) {
      if (expected(e)) {
        throw failure(e.getMessage(), e);
      }
      throw e;
    }
  }

  /** Runs the command; prints its output to {@code System.out} and throws when it fails. */
  protected abstract Object run() throws Exception;

  /** @return a failure that the console prints as {@code Error: <message>} */
  static CommandException failure(String message) {
    return failure(message, null);
  }

  private static CommandException failure(String message, Throwable cause) {
    return new CommandException("Error: " + message, message, cause);
  }

  private static boolean expected(RuntimeException e) {
    return e instanceof IllegalArgumentException || e instanceof NoSuchElementException
        || e instanceof IllegalStateException || e instanceof SecurityException
        || e.getClass().getName().startsWith("dev.stoker.api.");
  }

  /** @return the audit actor of a console user, {@code shell:<USER>} ({@code shell:local} without one) */
  static String actor(Session session) {
    Object user = session == null ? null : session.get("USER");
    return "shell:" + (user == null ? "local" : user);
  }
}
