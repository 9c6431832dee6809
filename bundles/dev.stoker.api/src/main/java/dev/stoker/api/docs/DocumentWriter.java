package dev.stoker.api.docs;

/**
 * Words a fact set as a document: the SPI for writers (language model providers). The document service keeps
 * one registry of the writers present now, keyed by {@link #id()}; writers come and go with their bundles or
 * configurations. The built-in {@code template} writer needs no network.
 *
 * <p>{@link #write} may block on the network for as long as the provider's timeout; it is never called on an
 * OSGi lifecycle thread. It must send nothing but the task's prompt (secret values never enter the facts).
 */
@org.osgi.annotation.versioning.ConsumerType
public interface DocumentWriter {
  /** @return unique among writers, e.g. {@code template}, {@code openai}, {@code claude} */
  String id();

  /**
   * @param task the task
   * @return the text and what it cost
   * @throws dev.stoker.api.common.UnavailableException when the provider cannot be reached or refuses
   */
  Written write(WritingTask task);
}
