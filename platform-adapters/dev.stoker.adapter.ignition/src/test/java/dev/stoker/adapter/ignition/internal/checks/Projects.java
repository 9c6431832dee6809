package dev.stoker.adapter.ignition.internal.checks;

import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Ignition-shaped project trees for the check tests: resource.json written with the files it holds. */
final class Projects {

  static final String VIEWS = "com.inductiveautomation.perspective/views/";
  static final String SCRIPTS = "ignition/script-python/";

  private final Map<String, Map<String, byte[]>> resources = new TreeMap<>();
  private byte[] tags;

  static Projects project() {
    return new Projects();
  }

  /** A resource whose resource.json lists the given files. */
  Projects resource(String path, String... nameThenText) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nameThenText.length; i += 2) {
      files.put(nameThenText[i], bytes(nameThenText[i + 1]));
      names.add("\"" + nameThenText[i] + "\"");
    }
    files.put("resource.json", bytes("{\"scope\":\"G\",\"version\":1,\"restricted\":false,\"overridable\":true,"
        + "\"files\":" + names + ",\"attributes\":{}}"));
    resources.put(path, files);
    return this;
  }

  /** A resource with exactly these files (resource.json included as given). */
  Projects raw(String path, String... nameThenText) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < nameThenText.length; i += 2) {
      files.put(nameThenText[i], bytes(nameThenText[i + 1]));
    }
    resources.put(path, files);
    return this;
  }

  Projects view(String name, String viewJson) {
    return resource(VIEWS + name, "view.json", viewJson, "thumbnail.png", "\u0089PNG");
  }

  Projects script(String name, String code) {
    return resource(SCRIPTS + name, "code.py", code);
  }

  Projects tags(String json) {
    this.tags = bytes(json);
    return this;
  }

  ResourceTree tree() {
    Map<String, Resource> map = new TreeMap<>();
    resources.forEach((path, files) -> map.put(path, Resource.of(path, typeOf(path), files)));
    return new ResourceTree(bytes("{\"title\":\"Test\",\"enabled\":true,\"inheritable\":false,\"parent\":null}"),
        new TreeMap<>(map), tags);
  }

  private static String typeOf(String path) {
    String[] s = path.split("/");
    return s.length < 2 ? path : s[0] + "/" + s[1];
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** JSON with single quotes for readability in tests: ' becomes ", a literal ' is written \u0027. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A JSON string literal (quotes included) of a script. */
  static String str(String script) {
    return "\"" + script.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }

  /** A view with one button whose onClick runs the script; root is a flex container. */
  static String buttonView(String script) {
    return "{\"custom\":{},\"params\":{},\"props\":{},\"root\":{\"type\":\"ia.container.flex\","
        + "\"meta\":{\"name\":\"root\"},\"children\":[{\"type\":\"ia.input.button\",\"meta\":{\"name\":\"Button\"},"
        + "\"props\":{\"text\":\"Go\"},\"events\":{\"dom\":{\"onClick\":{\"type\":\"script\",\"scope\":\"G\","
        + "\"config\":{\"script\":" + str(script) + "}}}}}]}}";
  }
}
