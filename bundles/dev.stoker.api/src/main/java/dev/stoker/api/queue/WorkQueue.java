package dev.stoker.api.queue;

import java.util.function.Consumer;

/**
 * One durable queue of work items, opened through {@link WorkQueues#open(String)} and closed by its owner.
 *
 * <p>Delivery is at least once: an item is acknowledged after {@code handler} returns (also when it throws a
 * {@link RuntimeException}, which is logged: the handler records its own failures); an item whose handler
 * never returned (a crash, a kill) is delivered again. Items are not prefetched, so a long item never holds
 * back others that an idle worker could take.
 */
@org.osgi.annotation.versioning.ProviderType
public interface WorkQueue extends AutoCloseable {

  /**
   * Sends an item durably: it is on the broker's journal when this returns.
   *
   * @throws dev.stoker.api.common.UnavailableException when the queue cannot take it now (broker down)
   */
  void send(String item);

  /**
   * Starts {@code workers} consumer threads that pass each item to {@code handler}; they wait for the broker
   * when it is not there yet, and stop at {@link #close()}.
   */
  void consume(int workers, Consumer<String> handler);

  /** Stops the consumers (waiting a little for handlers running now) and releases the connection. */
  @Override
  void close();
}
