package dev.stoker.documents.llm.internal;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.stoker.api.docs.Written;

/**
 * The only class that touches LangChain4j: builds the provider's chat model and asks it once. Loaded at the
 * first document a model writes, not when the bundle starts. The HTTP client is given explicitly (LangChain4j's
 * own lookup uses the service loader, which does not see across bundles).
 */
final class Chats {
  private Chats() {
  }

  static Written chat(Settings s, String apiKey, String prompt) {
    ChatModel model = switch (s.provider()) {
      case "anthropic" -> AnthropicChatModel.builder().httpClientBuilder(http()).baseUrl(s.baseUrl())
          .apiKey(apiKey).modelName(s.model()).maxTokens(s.maxTokens()).temperature(s.temperature())
          .timeout(s.timeout()).maxRetries(0).build();
      default -> OpenAiChatModel.builder().httpClientBuilder(http()).baseUrl(s.baseUrl())
          .apiKey(apiKey == null || apiKey.isEmpty() ? "none" : apiKey).modelName(s.model())
          .maxTokens(s.maxTokens()).temperature(s.temperature()).timeout(s.timeout()).maxRetries(0).build();
    };
    ChatResponse response = model.chat(UserMessage.from(prompt));
    TokenUsage usage = response.tokenUsage();
    String modelName = response.modelName() == null ? s.model() : response.modelName();
    return new Written(response.aiMessage().text(), s.provider(), modelName,
        usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
  }

  private static JdkHttpClientBuilder http() {
    return JdkHttpClient.builder();
  }
}
