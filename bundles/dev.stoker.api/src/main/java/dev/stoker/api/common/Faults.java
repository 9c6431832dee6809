package dev.stoker.api.common;

/** Splits the {@code "field: detail"} messages of Stoker's typed exceptions. Not for callers. */
final class Faults {
  private Faults() {
  }

  /** @return the field a message of the form {@code "field: detail"} starts with, or {@code null} */
  static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    int colon = message.indexOf(": ");
    if (colon > 0 && message.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_.\\[\\]-]*")) {
      return message.substring(0, colon);
    }
    return null;
  }
}
