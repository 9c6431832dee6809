package dev.stoker.environments.internal;

/** A failure before the gateway container ran: a create that fails this way leaves nothing behind. */
final class NotStarted extends Exception {
  private static final long serialVersionUID = 1L;

  NotStarted(Exception cause) {
    super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
  }
}
