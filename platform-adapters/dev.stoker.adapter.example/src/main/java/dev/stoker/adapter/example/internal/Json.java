package dev.stoker.adapter.example.internal;

import dev.stoker.api.common.InvalidInputException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough JSON for the example platform, so that the bundle needs nothing but the JDK and
 * {@code dev.stoker.api}: values are {@code Map<String, Object>}, {@code List<Object>}, {@code String},
 * {@code BigDecimal}, {@code Boolean} and {@code null}. {@link #write} gives one normal form (keys sorted,
 * two-space indent, trailing newline), so equal content gives equal bytes. A real adapter would use the
 * Jackson that Karaf provides.
 */
final class Json {

  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** @throws IllegalArgumentException with {@code field: } in front when the text is not one JSON value */
  static Object parse(String field, String text) {
    Json p = new Json(text);
    try {
      p.space();
      Object value = p.value(0);
      p.space();
      if (p.pos != text.length()) {
        throw p.error("unexpected text after the value");
      }
      return value;
    } catch (IllegalStateException e) {
      throw new InvalidInputException(field + ": not JSON (" + e.getMessage() + ")");
    }
  }

  /** @return the value in normal form */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  /** @return the value on one line, keys sorted (how conflicts and changes show values) */
  static String compact(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, null);
    return out.toString();
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    space();
    if (peek('}')) {
      pos++;
      return map;
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw error("expected a key");
      }
      String key = string();
      space();
      expect(':');
      space();
      if (map.containsKey(key)) {
        throw error("duplicate key \"" + key + "\"");
      }
      map.put(key, value(depth + 1));
      space();
      if (peek(',')) {
        pos++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> list = new ArrayList<>();
    pos++;
    space();
    if (peek(']')) {
      pos++;
      return list;
    }
    while (true) {
      space();
      list.add(value(depth + 1));
      space();
      if (peek(',')) {
        pos++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("short \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          pos += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
    throw error("unterminated string");
  }

  private BigDecimal number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String n = text.substring(start, pos);
    if (n.isEmpty() || !n.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
      pos = start;
      throw error("unexpected character '" + text.charAt(start) + "'");
    }
    return new BigDecimal(n);
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }
    pos += word.length();
    return value;
  }

  private void space() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private IllegalStateException error(String what) {
    return new IllegalStateException(what + " at offset " + pos);
  }

  /** @param indent the current indent, or {@code null} for the compact form */
  private static void write(Object value, StringBuilder out, String indent) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      String inner = indent == null ? null : indent + "  ";
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
        out.append(first ? "" : ",");
        newline(out, inner);
        quote((String) e.getKey(), out);
        out.append(inner == null ? ":" : ": ");
        write(e.getValue(), out, inner);
        first = false;
      }
      newline(out, indent);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      String inner = indent == null ? null : indent + "  ";
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        newline(out, inner);
        write(list.get(i), out, inner);
      }
      newline(out, indent);
      out.append(']');
    } else if (value instanceof String s) {
      quote(s, out);
    } else {
      out.append(value); // BigDecimal, Boolean or null
    }
  }

  /** A line break and indent in the normal form; nothing in the compact form ({@code indent == null}). */
  private static void newline(StringBuilder out, String indent) {
    if (indent != null) {
      out.append('\n').append(indent);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
