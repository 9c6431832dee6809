package dev.stoker.documents.llm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One language model writer: {@code etc/dev.stoker.documents.writer-<name>.cfg}. The API key is a secret
 * reference ({@code scope:path} or a workspace path), never a value in {@code etc/}.
 */
@ObjectClassDefinition(name = "Stoker document writer (language model)")
public @interface WriterConfig {
  @AttributeDefinition(description = "Writer id used in requests (\"writer\": \"<id>\"), e.g. claude, gpt, local")
  String id();

  @AttributeDefinition(description = "openai (any OpenAI-compatible endpoint: Azure OpenAI, vLLM, LM Studio, "
      + "llama.cpp server), anthropic, or ollama (Ollama's OpenAI endpoint)")
  String provider() default "openai";

  @AttributeDefinition(description = "Base URL; empty for the provider's default")
  String baseUrl() default "";

  @AttributeDefinition(description = "Model name as the provider knows it")
  String model();

  @AttributeDefinition(description = "Secret reference of the API key (scope:path or path); empty for none")
  String apiKeySecret() default "";

  @AttributeDefinition(description = "Seconds to wait for an answer")
  int timeoutSeconds() default 120;

  @AttributeDefinition(description = "Most tokens the model may write")
  int maxTokens() default 4096;

  @AttributeDefinition(description = "Sampling temperature (0 = most deterministic)")
  double temperature() default 0.0;
}
