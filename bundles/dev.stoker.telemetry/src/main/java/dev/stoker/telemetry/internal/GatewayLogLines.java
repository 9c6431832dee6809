package dev.stoker.telemetry.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Ignition gateway's console line as the Java Service Wrapper prints it
 * ({@code INFO   | jvm 1    | 2026/12/06 01:02:03 | <logback line>}), where the logback part follows Ignition's
 * default pattern {@code %.-1p [%-30c{1}] [%d{HH:mm:ss.SSS}] [%t]: %m} (the thread is left out by older
 * versions). The wrapper's own level is always INFO for the gateway's output, so the level comes from the
 * logback letter (T, D, I, W, E). Lines of another shape (a stack trace, a print from a script) are kept whole
 * at level info with the wrapper's time, or the time the line was read.
 */
final class GatewayLogLines {
  private static final Pattern WRAPPER = Pattern.compile(
      "^(?:(?:STATUS|INFO|WARN|ERROR|FATAL|DEBUG)\\s*\\|\\s*)?(?:jvm \\d+\\s*\\|\\s*)?"
          + "(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?)\\s*\\|\\s?(.*)$");
  private static final Pattern LOGBACK = Pattern.compile(
      "^([TDIWE]) \\[([^\\]]*)\\] \\[(\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,3})?)\\](?: \\[[^\\]]*\\])?: ?(.*)$");
  static final int MAX_MESSAGE = 4000;

  /** One parsed line. */
  record Line(Instant time, String level, String logger, String message) {
  }

  private GatewayLogLines() {
  }

  /**
   * @param line the raw line (without the line break)
   * @param zone the gateway's time zone offset (its {@code TZ}); UTC by default
   * @param read when the line was read, the time of a line without one
   */
  static Line parse(String line, ZoneOffset zone, Instant read) {
    String rest = line.stripTrailing();
    Instant time = read;
    LocalDate day = null;
    Matcher w = WRAPPER.matcher(rest);
    if (w.matches()) {
      String stamp = w.group(1);
      try {
        LocalDateTime at = LocalDateTime.parse(stamp.length() > 19 ? stamp.substring(0, 19) : stamp,
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"));
        day = at.toLocalDate();
        time = at.toInstant(zone);
      } catch (DateTimeParseException e) {
        // keep the read time
      }
      rest = w.group(2);
    }
    Matcher l = LOGBACK.matcher(rest);
    if (!l.matches()) {
      return new Line(time, "info", "", cut(rest));
    }
    if (day != null) {
      try {
        LocalTime t = LocalTime.parse(l.group(3).replace(',', '.'));
        LocalDateTime at = LocalDateTime.of(day, t);
        Instant precise = at.toInstant(zone);
        // the logback time has milliseconds; past midnight it belongs to the wrapper's day still
        time = Math.abs(precise.getEpochSecond() - time.getEpochSecond()) < 3600 ? precise : time;
      } catch (DateTimeParseException e) {
        // keep the wrapper's time
      }
    }
    return new Line(time, level(l.group(1).charAt(0)), l.group(2).strip(), cut(l.group(4).strip()));
  }

  private static String level(char c) {
    return switch (c) {
      case 'T' -> "trace";
      case 'D' -> "debug";
      case 'W' -> "warn";
      case 'E' -> "error";
      default -> "info";
    };
  }

  private static String cut(String s) {
    return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) : s;
  }

}
