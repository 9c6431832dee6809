package dev.stoker.environments.internal;

import java.util.function.Consumer;

/**
 * A durable queue of work items (operation ids). Items are acknowledged only after the handler returns,
 * so work interrupted by a crash is delivered again at the next start; handlers must be idempotent.
 */
interface WorkQueue extends AutoCloseable {

  /** Sends an item; throws {@link dev.stoker.api.common.UnavailableException} when the queue cannot take it now. */
  void send(String item);

  /** Starts {@code workers} consumers that pass each item to {@code handler}. */
  void consume(int workers, Consumer<String> handler);

  @Override
  void close();
}
