package dev.stoker.adapter.ignition.internal.checks;

/**
 * Python 2 source with string literals and comments blanked, line breaks kept, so that names found in the
 * rest are code. A backslash escapes the next character in every kind of literal (raw ones too, as far as
 * where the literal ends is concerned).
 */
final class PythonText {

  private PythonText() {
  }

  /** @return the code with every character of comments and string literals (quotes included) a space */
  static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int n = source.length();
    int i = 0;
    while (i < n) {
      char c = source.charAt(i);
      if (c == '#') {
        while (i < n && source.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (c == '"' || c == '\'') {
        boolean triple = i + 2 < n && source.charAt(i + 1) == c && source.charAt(i + 2) == c;
        int end = triple ? 3 : 1;
        for (int k = 0; k < end; k++) {
          out.append(' ');
        }
        i += end;
        while (i < n) {
          char d = source.charAt(i);
          if (d == '\\' && i + 1 < n) {
            out.append(' ').append(blank(source.charAt(i + 1)));
            i += 2;
            continue;
          }
          if (triple ? d == c && i + 2 < n && source.charAt(i + 1) == c && source.charAt(i + 2) == c : d == c) {
            for (int k = 0; k < end; k++) {
              out.append(' ');
            }
            i += end;
            break;
          }
          if (!triple && d == '\n') {
            break; // unterminated: the compiler reports it
          }
          out.append(blank(d));
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static char blank(char c) {
    return c == '\n' ? '\n' : ' ';
  }
}
