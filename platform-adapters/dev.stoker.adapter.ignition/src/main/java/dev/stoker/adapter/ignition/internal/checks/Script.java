package dev.stoker.adapter.ignition.internal.checks;

/**
 * One piece of Python in a project: a whole file ({@code code.py}) or a script held in a JSON file.
 *
 * @param resource resource path, or {@code null} for the tag export
 * @param file file name inside the resource
 * @param pointer JSON pointer to the string holding the script, or {@code null} for a whole file
 * @param header the function line Ignition wraps the body in (e.g. {@code def runAction(self, event):}), or
 *     {@code null} when the text is compiled as a module
 * @param body the script text as stored
 */
record Script(String resource, String file, String pointer, String header, String body) {

  /** @return the text handed to the compiler */
  String compiledText() {
    return header == null ? body : header + "\n" + body;
  }

  /** @return the line of the body that a line of {@link #compiledText()} falls on (1-based, clamped) */
  int bodyLine(int compiledLine) {
    int line = header == null ? compiledLine : compiledLine - 1;
    int lines = (int) body.chars().filter(c -> c == '\n').count() + 1;
    return Math.max(1, Math.min(line, lines));
  }

  /** @return whether the body holds nothing but blank lines and comments (nothing to compile) */
  boolean blank() {
    for (String line : body.split("\n", -1)) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        return false;
      }
    }
    return true;
  }
}
