package dev.stoker.adapter.example.internal;

import dev.stoker.api.archive.SafeZip;
import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Example project exports: a zip of the project folder, {@code project.json} at the root and every other
 * file a JSON document in a folder, e.g. {@code screens/main.json}. Each document is one resource: path
 * {@code screens/main}, type {@code screens} (its top folder), one file {@value #FILE} in normal JSON form.
 * The platform has no tags. Stateless and thread-safe.
 */
final class ExampleCodec implements ArtifactCodec {

  static final String MANIFEST = "project.json";
  static final String FILE = "resource.json";
  static final int MAX_ENTRIES = 10_000;
  static final long MAX_BYTES = 64L << 20;

  @Override
  public ResourceTree decode(InputStream export) throws IOException {
    byte[] manifest = null;
    SortedMap<String, Resource> resources = new TreeMap<>();
    // Read as a gateway reads archives: by the central directory, checked by SafeZip.
    Path tmp = SafeZip.spool(export, MAX_BYTES, "export");
    try (SafeZip zip = SafeZip.open(tmp, "export", new SafeZip.Limits(MAX_ENTRIES, MAX_BYTES, 200, 4L << 20))) {
      for (String name : zip.names()) {
        safePath("export", name);
        byte[] content = zip.read(name);
        if (name.equals(MANIFEST)) {
          if (manifest != null) {
            throw new InvalidInputException("export: duplicate entry '" + name + "'");
          }
          manifest = normalObject("export", name, content);
          continue;
        }
        if (!name.endsWith(".json") || !name.contains("/")) {
          throw new InvalidInputException("export: '" + name + "' is not a JSON document in a folder");
        }
        String path = name.substring(0, name.length() - ".json".length());
        Resource resource = new Resource(path, typeOf(path), new TreeMap<>(Map.of(FILE,
            normalObject("export", name, content))));
        if (resources.put(path, resource) != null) {
          throw new InvalidInputException("export: duplicate entry '" + name + "'");
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (manifest == null) {
      throw new InvalidInputException("export: " + MANIFEST + " missing at the archive root");
    }
    return new ResourceTree(manifest, resources, null);
  }

  @Override
  public void encode(ResourceTree tree, OutputStream export) throws IOException {
    byte[] manifest = normalObject("manifest", MANIFEST, tree.manifest());
    ZipOutputStream zip = new ZipOutputStream(export, StandardCharsets.UTF_8);
    put(zip, MANIFEST, manifest);
    for (Resource r : tree.resources().values()) {
      String path = safePath("resources", r.path());
      if (!path.contains("/") || !r.files().keySet().equals(java.util.Set.of(FILE))) {
        throw new InvalidInputException("resources: " + path + " must be in a folder and hold exactly " + FILE);
      }
      put(zip, path + ".json", normalObject("resources", path, r.files().get(FILE)));
    }
    zip.finish();
  }

  @Override
  public byte[] decodeTags(InputStream tags) {
    throw new InvalidInputException("tags: the example platform has no tags");
  }

  /** {@code screens/main} → {@code screens}. */
  static String typeOf(String path) {
    return path.substring(0, path.indexOf('/'));
  }

  /** A relative path of plain segments: no traversal, no absolute path, no backslash, no drive. */
  static String safePath(String field, String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":")) {
      throw new InvalidInputException(field + ": unsafe path '" + path + "'");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidInputException(field + ": unsafe path '" + path + "'");
      }
    }
    return path;
  }

  private static byte[] normalObject(String field, String name, byte[] bytes) {
    if (bytes == null) {
      throw new InvalidInputException(field + ": " + name + " is missing");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(field + ": " + name + " is not UTF-8");
    }
    Object doc = Json.parse(field, text);
    if (!(doc instanceof Map)) {
      throw new InvalidInputException(field + ": " + name + " is not a JSON object");
    }
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(0); // equal trees give equal archives
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }
}
