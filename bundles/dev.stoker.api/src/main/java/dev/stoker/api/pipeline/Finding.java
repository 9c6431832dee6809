package dev.stoker.api.pipeline;

/**
 * Something a check found in a project.
 *
 * @param severity how much it matters
 * @param rule the rule that found it (e.g. {@code python-syntax}, {@code json-parse})
 * @param resource the resource path, or {@code null} for the project as a whole
 * @param file the file in the resource (e.g. {@code view.json}), or {@code null}
 * @param pointer the JSON pointer inside the file (e.g. {@code /root/events/dom/onClick/config/script}), or
 *     {@code null}
 * @param line the line (1-based) inside the file or, with a pointer, inside the script it points to; 0 when
 *     unknown
 * @param message what is wrong, for a person
 */
public record Finding(Severity severity, String rule, String resource, String file, String pointer, int line,
    String message) {

  /** @return one line naming where and what, e.g. {@code ERROR python-syntax views/Main view.json#/root/... line 3: ...} */
  public String describe() {
    StringBuilder b = new StringBuilder().append(severity).append(' ').append(rule);
    if (resource != null) {
      b.append(' ').append(resource);
    }
    if (file != null) {
      b.append(resource == null ? " " : "/").append(file);
    }
    if (pointer != null) {
      b.append('#').append(pointer);
    }
    if (line > 0) {
      b.append(" line ").append(line);
    }
    return b.append(": ").append(message).toString();
  }
}
