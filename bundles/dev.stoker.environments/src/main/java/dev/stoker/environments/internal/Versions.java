package dev.stoker.environments.internal;

import dev.stoker.api.environment.EnvironmentSpec;

/** Orders dotted platform versions ({@code 8.1.44} &lt; {@code 8.3.4}) by their numeric parts. */
final class Versions {
  private Versions() {
  }

  /** @return the version a spec runs: its own, else the tag of its image (or {@code null}) */
  static String of(EnvironmentSpec spec, String image) {
    if (spec.version() != null && !spec.version().isBlank()) {
      return spec.version().strip();
    }
    int colon = image == null ? -1 : image.lastIndexOf(':');
    return colon < 0 || image.indexOf('/', colon) >= 0 ? null : image.substring(colon + 1);
  }

  /** @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b} */
  static int compare(String a, String b) {
    int[] x = parts(a);
    int[] y = parts(b);
    for (int i = 0; i < 3; i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return 0;
  }

  private static int[] parts(String version) {
    int[] out = new int[3];
    String[] split = version.strip().split("[.+-]");
    for (int i = 0; i < 3 && i < split.length; i++) {
      try {
        out[i] = Integer.parseInt(split[i].replaceAll("\\D.*", "").isEmpty() ? "0" : split[i].replaceAll("\\D.*", ""));
      } catch (NumberFormatException e) {
        out[i] = 0;
      }
    }
    return out;
  }
}
