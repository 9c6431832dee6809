package dev.stoker.documents.llm.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.docs.DocumentWriter;
import dev.stoker.api.docs.WritingTask;
import dev.stoker.api.docs.Written;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.SecretService;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A document writer on a language model, one per configuration ({@code dev.stoker.documents.writer-*.cfg}).
 * Activation only checks the configuration; the API key is read from the secret store for each document and
 * dropped after the call.
 */
@Component(service = DocumentWriter.class, configurationPid = "dev.stoker.documents.writer",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WriterConfig.class, factory = true)
public class ModelWriter implements DocumentWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWriter.class);
  static final String ACTOR = "documents";
  private final Settings settings;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile SecretService secrets;

  @Activate
  public ModelWriter(WriterConfig config) {
    this.settings = Settings.of(config);
  }

  /** For tests and tools: a writer on explicit settings and secret store. */
  public static ModelWriter of(WriterConfig config, SecretService secrets) {
    ModelWriter w = new ModelWriter(config);
    w.secrets = secrets;
    return w;
  }

  @Override
  public String id() {
    return settings.id();
  }

  @Override
  public Written write(WritingTask task) {
    String key = apiKey();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(ModelWriter.class.getClassLoader());
    try {
      return Chats.chat(settings, key, task.prompt());
    } catch (RuntimeException e) {
      String why = String.valueOf(e.getMessage());
      if (key != null && !key.isEmpty()) {
        why = why.replace(key, "***");
      }
      LOG.warn("Writer {} ({} at {}) failed: {}", settings.id(), settings.provider(), settings.baseUrl(), why);
      throw new UnavailableException("writer '" + settings.id() + "': " + settings.provider() + " at "
          + settings.baseUrl() + " did not answer: " + why);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private String apiKey() {
    if (settings.apiKeySecret().isEmpty()) {
      return "";
    }
    SecretService s = secrets;
    if (s == null) {
      throw new UnavailableException("writer '" + settings.id() + "': the secret store is not available now");
    }
    byte[] raw = s.revealIn(ScopeChain.WORKSPACE, settings.apiKeySecret(), ACTOR);
    try {
      return new String(raw, StandardCharsets.UTF_8).trim();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }
}
