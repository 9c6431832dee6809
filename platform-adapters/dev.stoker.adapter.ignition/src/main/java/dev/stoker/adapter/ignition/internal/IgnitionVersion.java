package dev.stoker.adapter.ignition.internal;

import dev.stoker.api.common.InvalidInputException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ignition version as requests and image tags write it: {@code 8.3.4}, {@code 8.1.44},
 * {@code 8.3.0-rc1}, or a bare line {@code 8.3}.
 *
 * @param text the version as given (a bare line is kept as {@code 8.3})
 * @param line its release line
 * @param lineOnly whether only the line was given
 */
record IgnitionVersion(String text, IgnitionLine line, boolean lineOnly) {

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+)(?:-[A-Za-z0-9.]+)?)?");

  /**
   * @throws IllegalArgumentException starting with {@code version:} when the text is no Ignition version
   *     or names a line the adapter does not support
   */
  static IgnitionVersion parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("version: required (e.g. 8.3.4) unless image names it");
    }
    String v = text.strip();
    Matcher m = VERSION.matcher(v);
    if (!m.matches()) {
      throw new InvalidInputException("version: '" + v + "' is not an Ignition version (e.g. 8.3.4)");
    }
    IgnitionLine line;
    try {
      line = IgnitionLine.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      line = null;
    }
    if (line == null) {
      throw new InvalidInputException("version: " + v + " is not supported (" + IgnitionLine.supported() + ")");
    }
    return new IgnitionVersion(v, line, m.group(3) == null);
  }

  /**
   * The version an image tag names, e.g. {@code 8.3.4} in {@code registry:5000/stoker/ignition-emulator:8.3.4},
   * or {@code null} when the tag is not a version (e.g. {@code latest}) or there is none.
   */
  static String fromImage(String image) {
    String name = image;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon <= slash) {
      return null;
    }
    String tag = name.substring(colon + 1);
    return VERSION.matcher(tag).matches() ? tag : null;
  }
}
