package dev.stoker.integrations.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The body shapes a webhook can POST: Stoker's own event JSON, a Slack incoming-webhook message
 * ({@code {"text": ...}}, which Mattermost and Rocket.Chat accept too) or a Microsoft Teams connector card
 * ({@code MessageCard}). Chat messages say what happened in one line (for alerts: state, rule, severity and
 * target, as the e-mail subject) followed by the message.
 */
enum ChatFormat {
  STOKER, SLACK, TEAMS;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** @throws IllegalArgumentException naming the field for an unknown format */
  static ChatFormat of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("format: one of stoker, slack, teams, not '" + name + "'");
    }
  }

  /** @param eventJson the event as {@link EventJson} writes it */
  String render(String eventJson) {
    if (this == STOKER) {
      return eventJson;
    }
    try {
      JsonNode event = JSON.readTree(eventJson);
      String title = EmailRoute.subject(event);
      String message = event.path("data").path("message").asText("");
      ObjectNode body = JSON.createObjectNode();
      if (this == SLACK) {
        body.put("text", message.isEmpty() ? title : title + "\n" + message);
      } else {
        body.put("@type", "MessageCard");
        body.put("@context", "https://schema.org/extensions");
        body.put("summary", title);
        body.put("themeColor", color(event));
        body.put("title", title);
        body.put("text", message.isEmpty() ? event.path("topic").asText() : message);
      }
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException("event is not JSON", e);
    }
  }

  /** Red for firing critical alerts, amber for other firing ones, green when resolved, grey otherwise. */
  private static String color(JsonNode event) {
    JsonNode data = event.path("data");
    String state = data.path("state").asText("");
    if (state.equals("firing")) {
      return data.path("severity").asText("").equals("critical") ? "D93F0B" : "FBCA04";
    }
    return state.equals("resolved") ? "2EA44F" : "6A737D";
  }
}
