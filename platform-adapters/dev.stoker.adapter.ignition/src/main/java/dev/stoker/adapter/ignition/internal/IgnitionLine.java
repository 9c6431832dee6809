package dev.stoker.adapter.ignition.internal;

/** The Ignition release lines the adapter supports, newest first. */
enum IgnitionLine {
  V83("8.3", 8, 3),
  V81("8.1", 8, 1);

  private final String name;
  private final int major;
  private final int minor;

  IgnitionLine(String name, int major, int minor) {
    this.name = name;
    this.major = major;
    this.minor = minor;
  }

  /** @return the line as users write it, e.g. {@code 8.3} */
  String lineName() {
    return name;
  }

  static IgnitionLine of(int major, int minor) {
    for (IgnitionLine line : values()) {
      if (line.major == major && line.minor == minor) {
        return line;
      }
    }
    return null;
  }

  /** @return the supported lines as an error message lists them: {@code 8.1.x, 8.3.x} */
  static String supported() {
    return "8.1.x, 8.3.x";
  }
}
