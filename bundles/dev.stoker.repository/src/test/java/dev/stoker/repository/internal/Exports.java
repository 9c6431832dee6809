package dev.stoker.repository.internal;

import dev.stoker.api.platform.PlatformAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds Ignition project exports and tag exports for tests, and the real Ignition adapter. */
final class Exports {
  private Exports() {
  }

  /** The Ignition adapter with its built-in defaults (its constructor is internal to the adapter bundle). */
  static PlatformAdapter ignition() {
    try {
      Class<?> settings = Class.forName("dev.stoker.adapter.ignition.internal.AdapterSettings");
      Method defaults = settings.getDeclaredMethod("defaults");
      defaults.setAccessible(true);
      Class<?> adapter = Class.forName("dev.stoker.adapter.ignition.internal.IgnitionAdapter");
      Constructor<?> c = adapter.getDeclaredConstructor(settings, String.class);
      c.setAccessible(true);
      return (PlatformAdapter) c.newInstance(defaults.invoke(null), "test");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The attributes of a resource as the gateway last saved it (the signature is not checked here). */
  static final String STAMP = "{\"lastModificationSignature\":\"00\",\"lastModification\":{\"actor\":\"admin\","
      + "\"timestamp\":\"2024-01-01T00:00:00Z\"}}";

  /** A project export under construction: entry name → content. */
  static final class Project {
    final Map<String, byte[]> entries = new LinkedHashMap<>();

    Project() {
      put("project.json", "{\"title\":\"Plant\",\"description\":\"\",\"enabled\":true,\"inheritable\":false,\"parent\":\"\"}");
    }

    Project put(String name, String content) {
      entries.put(name, content.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    Project putBytes(String name, byte[] content) {
      entries.put(name, content);
      return this;
    }

    Project remove(String prefix) {
      entries.keySet().removeIf(k -> k.startsWith(prefix));
      return this;
    }

    /** A Perspective view whose label shows {@code text} in {@code color}. */
    Project view(String name, String text, String color) {
      String folder = "com.inductiveautomation.perspective/views/" + name;
      put(folder + "/resource.json", "{\"scope\":\"G\",\"version\":1,\"restricted\":false,\"overridable\":true,"
          + "\"files\":[\"view.json\"],\"attributes\":{\"lastModificationSignature\":\"00\","
          + "\"lastModification\":{\"actor\":\"admin\",\"timestamp\":\"2024-01-01T00:00:00Z\"}}}");
      put(folder + "/view.json", "{\"root\":{\"type\":\"ia.container.flex\",\"children\":[{\"type\":\"ia.display.label\","
          + "\"props\":{\"text\":\"" + text + "\",\"style\":{\"color\":\"" + color + "\"}}}]},"
          + "\"props\":{\"defaultSize\":{\"width\":800,\"height\":600}}}");
      return this;
    }

    Project script(String pkg, String code) {
      String folder = "ignition/script-python/" + pkg;
      put(folder + "/resource.json", "{\"scope\":\"A\",\"version\":1,\"restricted\":false,\"overridable\":true,"
          + "\"files\":[\"code.py\"],\"attributes\":" + STAMP + "}");
      put(folder + "/code.py", code);
      return this;
    }

    Project image(String name, byte[] png) {
      String folder = "com.inductiveautomation.perspective/images/" + name;
      put(folder + "/resource.json", "{\"scope\":\"A\",\"version\":1,\"restricted\":false,\"overridable\":true,"
          + "\"files\":[\"image.png\"],\"attributes\":" + STAMP + "}");
      putBytes(folder + "/image.png", png);
      return this;
    }

    byte[] zip() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          zip.putNextEntry(new ZipEntry(e.getKey()));
          zip.write(e.getValue());
          zip.closeEntry();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }

  /** A tag export with a folder holding two memory tags. */
  static byte[] tags(int motorSpeed, String pumpState) {
    return ("{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":[{\"name\":\"Line1\",\"tagType\":\"Folder\",\"tags\":["
        + "{\"name\":\"MotorSpeed\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"Int4\",\"value\":"
        + motorSpeed + "},"
        + "{\"name\":\"Pump\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"String\",\"value\":\""
        + pumpState + "\"}]}]}").getBytes(StandardCharsets.UTF_8);
  }
}
