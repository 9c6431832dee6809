package dev.stoker.runtime.docker.internal;

import java.io.IOException;

/**
 * A Docker operation that failed. The message names the object (container, image, volume), the host and
 * the engine's reason; {@link #status()} tells the kind of trouble so callers can answer 4xx or 503.
 */
public class DockerFailure extends IOException {
  private static final long serialVersionUID = 1L;

  /** Kinds of failure. */
  public enum Kind {
    /** The engine could not be reached or answered too late (→ 503). */
    UNAVAILABLE,
    /** The object does not exist (→ 404 or 422). */
    NOT_FOUND,
    /** Name or port already in use, volume in use (→ 409). */
    CONFLICT,
    /** The engine refused the request (→ 400/422). */
    REJECTED,
    /** Anything else (→ 500). */
    ERROR
  }

  private final Kind kind;
  private final int httpStatus;

  public DockerFailure(String message, Kind kind, int httpStatus, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
  }

  /** @return the kind of failure */
  public Kind status() {
    return kind;
  }

  /** @return the engine's HTTP status, or 0 when it did not answer */
  public int httpStatus() {
    return httpStatus;
  }
}
