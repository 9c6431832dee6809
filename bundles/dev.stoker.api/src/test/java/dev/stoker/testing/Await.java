package dev.stoker.testing;

import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; no fixed sleeps. */
public final class Await {
  private Await() {
  }

  public static void until(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
