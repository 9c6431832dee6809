package dev.stoker.itests;

import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes; the failure names what was awaited. */
final class Await {

  private Await() {
  }

  /**
   * @param what what is awaited, for the failure message
   * @param deadlineMillis how long to poll
   * @param condition checked every 250 ms; an exception counts as "not yet" and is reported on timeout
   */
  static void until(String what, long deadlineMillis, Callable<Boolean> condition) throws InterruptedException {
    long end = System.currentTimeMillis() + deadlineMillis;
    Exception last = null;
    while (System.currentTimeMillis() < end) {
      try {
        if (condition.call()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + deadlineMillis + " ms waiting for " + what
        + (last == null ? "" : ": " + last));
  }
}
