package dev.stoker.api.docs;

/**
 * Writes documents from project history, pipeline runs and the audit log with a language model.
 *
 * <p>Threading: {@link #generate} blocks on the model and may take tens of seconds; call it from a
 * worker, not a request thread.
 */
@org.osgi.annotation.versioning.ProviderType
public interface DocumentGenerator {

  /** @return the document */
  GeneratedDocument generate(DocumentRequest request);
}
