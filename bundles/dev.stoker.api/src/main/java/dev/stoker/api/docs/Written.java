package dev.stoker.api.docs;

/**
 * What a writer gives back.
 *
 * @param content the text, Markdown, citing facts as {@code [id]}
 * @param provider the provider ({@code template}, {@code openai}, {@code anthropic}, {@code ollama} ...)
 * @param model the model that wrote it
 * @param inputTokens tokens in, as the provider counted them (0 when unknown)
 * @param outputTokens tokens out (0 when unknown)
 */
public record Written(String content, String provider, String model, int inputTokens, int outputTokens) {
}
