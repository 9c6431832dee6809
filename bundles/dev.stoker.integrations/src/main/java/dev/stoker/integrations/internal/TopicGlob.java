package dev.stoker.integrations.internal;

import dev.stoker.api.common.InvalidInputException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Topic filter of a subscriber: one or more globs such as {@code dev/stoker/audit} or {@code dev/stoker/*}.
 * {@code *} matches any run of characters, slashes included, so {@code dev/stoker/*} takes every Stoker topic.
 */
final class TopicGlob {
  private final List<Pattern> patterns;
  private final String text;

  private TopicGlob(List<Pattern> patterns, String text) {
    this.patterns = patterns;
    this.text = text;
  }

  static TopicGlob of(String... globs) {
    List<String> kept = java.util.Arrays.stream(globs == null ? new String[0] : globs)
        .flatMap(g -> java.util.Arrays.stream(g.split(",")))
        .map(String::trim)
        .filter(g -> !g.isEmpty())
        .toList();
    if (kept.isEmpty()) {
      throw new InvalidInputException("topics: give at least one topic glob, e.g. dev/stoker/*");
    }
    return new TopicGlob(kept.stream().map(TopicGlob::compile).toList(), String.join(",", kept));
  }

  private static Pattern compile(String glob) {
    return Pattern.compile(java.util.Arrays.stream(glob.split("\\*", -1))
        .map(Pattern::quote)
        .collect(java.util.stream.Collectors.joining(".*")));
  }

  boolean matches(String topic) {
    if (topic == null) {
      return false;
    }
    for (Pattern p : patterns) {
      if (p.matcher(topic).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
