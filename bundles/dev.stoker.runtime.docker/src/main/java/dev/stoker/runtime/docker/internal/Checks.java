package dev.stoker.runtime.docker.internal;

import dev.stoker.api.common.InvalidInputException;
import java.io.InterruptedIOException;
import java.util.regex.Pattern;

/** Argument checks shared by the collaborators; a failed check is the caller's mistake (400). */
final class Checks {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  private Checks() {
  }

  static void name(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new InvalidInputException(what + " '" + value
          + "' is not a valid Docker name (letters, digits, '_', '.', '-'; starting with a letter or digit)");
    }
  }

  static void text(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(what + " is required");
    }
  }

  static void absolute(String what, String path) {
    if (path == null || !path.startsWith("/")) {
      throw new InvalidInputException(what + ": '" + path + "' must be an absolute path inside the container");
    }
  }

  /** Waits between two polls of the engine (which has no event for what is awaited). */
  static void pause(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
