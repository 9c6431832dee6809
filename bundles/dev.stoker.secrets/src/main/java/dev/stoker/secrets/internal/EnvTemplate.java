package dev.stoker.secrets.internal;

import dev.stoker.api.common.InvalidInputException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders env files: every line is blank, a {@code #} comment or {@code KEY=value}, and every
 * {@code ${secret:path}} in a value is replaced by the secret. A value made only of
 * {@code [A-Za-z0-9_./:@%+,=-]} is written as is (readable by every env-file parser, Docker's included);
 * anything else is single-quoted POSIX-style ({@code '} becomes {@code '\''}), as shells, systemd and
 * dotenv read it. Values with NUL, CR or LF are refused: no env-file syntax carries them portably.
 */
final class EnvTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{secret:([^}\\s]*)}");
  private static final Pattern LINE = Pattern.compile("(export\\s+)?[A-Za-z_][A-Za-z0-9_]*=.*");

  private EnvTemplate() {
  }

  /** Looks a reference up; answers {@code null} when unknown. */
  interface Lookup extends Function<String, byte[]> {
  }

  /**
   * @return the rendered file; the caller wipes it
   * @throws IllegalArgumentException starting with {@code template:}
   */
  static byte[] render(String template, Lookup lookup) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] lines = template.split("\n", -1);
    try {
      for (int n = 0; n < lines.length; n++) {
        String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !LINE.matcher(trimmed).matches()) {
          throw new InvalidInputException("template: line " + (n + 1) + " is not KEY=value");
        }
        if (trimmed.startsWith("#")) {
          write(out, line);
        } else {
          Matcher m = PLACEHOLDER.matcher(line);
          int last = 0;
          while (m.find()) {
            write(out, line.substring(last, m.start()));
            String ref = m.group(1);
            byte[] value = lookup.apply(ref);
            if (value == null) {
              throw new InvalidInputException("template: unknown secret '" + ref + "' (line " + (n + 1) + ")");
            }
            try {
              quote(out, value, ref);
            } finally {
              Arrays.fill(value, (byte) 0);
            }
            last = m.end();
          }
          String rest = line.substring(last);
          if (rest.contains("${secret:")) {
            throw new InvalidInputException("template: malformed ${secret:...} on line " + (n + 1));
          }
          write(out, rest);
        }
        if (n < lines.length - 1) {
          out.write('\n');
        }
      }
      return out.toByteArray();
    } finally {
      wipe(out);
    }
  }

  private static void quote(ByteArrayOutputStream out, byte[] value, String ref) {
    boolean plain = value.length > 0;
    for (byte b : value) {
      if (b == 0 || b == '\r' || b == '\n') {
        throw new InvalidInputException("template: secret '" + ref
            + "' contains a line break or NUL and cannot go into an env file; lease it as a file instead");
      }
      plain &= b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || "_./:@%+,=-".indexOf(b) >= 0;
    }
    if (plain) {
      out.write(value, 0, value.length);
      return;
    }
    out.write('\'');
    for (byte b : value) {
      if (b == '\'') {
        out.write('\'');
        out.write('\\');
        out.write('\'');
        out.write('\'');
      } else {
        out.write(b);
      }
    }
    out.write('\'');
  }

  private static void write(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  /** Best effort: overwrite the stream's buffer (reset keeps it, toByteArray copied it). */
  private static void wipe(ByteArrayOutputStream out) {
    int size = out.size();
    out.reset();
    out.write(new byte[size], 0, size);
    out.reset();
  }
}
