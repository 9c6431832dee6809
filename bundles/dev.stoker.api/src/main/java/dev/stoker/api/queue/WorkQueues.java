package dev.stoker.api.queue;

/** Opens durable work queues by name. */
@org.osgi.annotation.versioning.ProviderType
public interface WorkQueues {

  /**
   * Opens (creating on first use) the durable queue {@code name}.
   *
   * @param name lower-case letters, digits, dots and dashes, e.g. {@code stoker.pipeline.runs}
   * @throws dev.stoker.api.common.InvalidInputException when the name is not of that form
   */
  WorkQueue open(String name);
}
