package dev.stoker.adapter.ignition.internal;

import dev.stoker.api.archive.SafeZip;
import dev.stoker.api.common.InvalidInputException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Ignition project exports (a zip with {@code project.json} at the root and one folder per resource holding
 * {@code resource.json} and its files) to a {@link ResourceTree} and back, every file byte for byte.
 *
 * <p>Decoding checks the archive and that {@code project.json} and each {@code resource.json} are JSON
 * objects, and keeps the bytes as the gateway wrote them: formatting, key order, escapes, line ends and the
 * modification stamps ({@code lastModification}, {@code lastModificationSignature}). Encoding writes them back
 * as they are; only a resource without a signature (stored before Stoker kept stamps, or written by hand) is
 * stamped on the way out ({@code actor} "stoker", the clock's time) so a gateway accepts it. A resource Stoker
 * changes on behalf of a user is stamped with that user when it is stored ({@link #stamp}). Tag exports are
 * kept in a normal form (keys and tags sorted). Stateless and thread-safe.
 */
final class IgnitionProjectCodec implements ArtifactCodec {

  static final String MANIFEST = "project.json";
  static final String RESOURCE = "resource.json";
  static final String ACTOR = "stoker";

  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

  /** Tag exports beyond this are refused before they fill memory. */
  static final long MAX_TAG_BYTES = 64L << 20;

  private final int maxEntries;
  /** Largest expansion accepted once an archive has inflated past {@link #RATIO_FLOOR_BYTES}. */
  static final int MAX_RATIO = 200;
  static final long RATIO_FLOOR_BYTES = 4L << 20;

  private final long maxBytes;
  private final long maxTagBytes;
  private final Clock clock;

  /** @param maxBytes inflated size limit of an archive; also bounds a tag export (at most 64 MiB) */
  IgnitionProjectCodec(int maxEntries, long maxBytes, Clock clock) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.maxTagBytes = Math.min(maxBytes, MAX_TAG_BYTES);
    this.clock = clock;
  }

  @Override
  public ResourceTree decode(InputStream export) throws IOException {
    SortedMap<String, byte[]> entries = unzip(export);
    byte[] manifest = entries.remove(MANIFEST);
    if (manifest == null) {
      throw new InvalidInputException("export: not an Ignition project export, " + MANIFEST
          + " missing at the archive root");
    }
    JsonNode manifestJson = NormalJson.parseOrNull(manifest);
    if (manifestJson == null || !manifestJson.isObject()) {
      throw new InvalidInputException("export: " + MANIFEST + " is not a JSON object");
    }
    // Folders holding a resource.json are resources; each owns the files directly inside it.
    SortedMap<String, SortedMap<String, byte[]>> folders = new TreeMap<>();
    for (String name : entries.keySet()) {
      if (name.endsWith("/" + RESOURCE)) {
        folders.put(name.substring(0, name.length() - RESOURCE.length() - 1), new TreeMap<>());
      }
    }
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      String name = entry.getKey();
      int slash = name.lastIndexOf('/');
      SortedMap<String, byte[]> files = slash < 0 ? null : folders.get(name.substring(0, slash));
      if (files == null) {
        throw new InvalidInputException("export: '" + name + "' belongs to no resource (no " + RESOURCE
            + " beside it)");
      }
      String fileName = name.substring(slash + 1);
      if (fileName.equals(RESOURCE)) {
        JsonNode descriptor = NormalJson.parseOrNull(entry.getValue());
        if (descriptor == null || !descriptor.isObject()) {
          throw new InvalidInputException("export: '" + name + "' is not a JSON object");
        }
      }
      files.put(fileName, entry.getValue());
    }
    SortedMap<String, Resource> resources = new TreeMap<>();
    folders.forEach((path, files) -> resources.put(path, new Resource(path, typeOf(path), files)));
    return new ResourceTree(manifest, resources, null);
  }

  @Override
  public Resource stamp(Resource resource, String actor, Instant at) {
    return ResourceStamps.stamp(resource, actor, at);
  }

  @Override
  public void encode(ResourceTree tree, OutputStream export) throws IOException {
    if (tree.manifest() == null) {
      throw new InvalidInputException("manifest: required");
    }
    JsonNode manifest = NormalJson.parseOrNull(tree.manifest());
    if (manifest == null || !manifest.isObject()) {
      throw new InvalidInputException("manifest: not a JSON object");
    }
    ZipOutputStream zip = new ZipOutputStream(export);
    put(zip, MANIFEST, tree.manifest());
    for (Resource resource : tree.resources().values()) {
      String path = checkedPath("resources", resource.path());
      byte[] raw = resource.files().get(RESOURCE);
      JsonNode parsed = raw == null ? null : NormalJson.parseOrNull(raw);
      if (parsed == null || !parsed.isObject()) {
        throw new InvalidInputException("resources: " + path + " has no valid " + RESOURCE);
      }
      for (String name : resource.files().keySet()) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
          throw new InvalidInputException("resources: " + path + " has an invalid file name '" + name + "'");
        }
      }
      for (Map.Entry<String, byte[]> file : resource.files().entrySet()) {
        boolean unsigned = file.getKey().equals(RESOURCE) && !ResourceStamps.signed(parsed);
        put(zip, path + "/" + file.getKey(), unsigned
            ? ResourceStamps.stamped(path, raw, resource.files(), ACTOR, clock.instant()) : file.getValue());
      }
    }
    zip.finish();
  }

  /**
   * A tag export (an object with {@code tags} or {@code tagType}; every node named, names unique among
   * siblings and free of {@code /}) in normal form: keys sorted, each {@code tags} array sorted by name.
   */
  @Override
  public byte[] decodeTags(InputStream tags) throws IOException {
    byte[] bytes = tags.readNBytes((int) maxTagBytes + 1);
    if (bytes.length > maxTagBytes) {
      throw new InvalidInputException("tags: larger than " + maxTagBytes + " bytes");
    }
    JsonNode doc = NormalJson.parseOrNull(bytes);
    if (doc == null || doc.isMissingNode()) {
      throw new InvalidInputException("tags: not JSON");
    }
    if (!doc.isObject()) {
      throw new InvalidInputException("tags: not a JSON object (a tag export is {\"name\":…,\"tagType\":…,"
          + "\"tags\":[…]})");
    }
    if (!doc.has("tags") && !doc.has("tagType")) {
      throw new InvalidInputException("tags: not a tag export (the object has neither \"tags\" nor "
          + "\"tagType\")");
    }
    return NormalJson.pretty(normalTag(doc, ""));
  }

  /** A tag node with sorted keys and children sorted by name; {@code path} is "" for the root. */
  private static ObjectNode normalTag(JsonNode node, String path) {
    String where = path.isEmpty() ? "the root node" : "tag '" + path + "'";
    JsonNode name = node.get("name");
    if (name == null || !name.isTextual()) {
      throw new InvalidInputException("tags: " + where + " has no string \"name\"");
    }
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    ObjectNode copy = NormalJson.MAPPER.createObjectNode();
    for (String key : keys) {
      JsonNode value = node.get(key);
      if (!key.equals("tags")) {
        copy.set(key, NormalJson.sorted(value));
        continue;
      }
      if (!value.isArray()) {
        throw new InvalidInputException("tags: \"tags\" of " + where + " is not an array");
      }
      List<ObjectNode> children = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (JsonNode child : value) {
        JsonNode childName = child.get("name");
        if (!child.isObject() || childName == null || !childName.isTextual() || childName.asText().isEmpty()) {
          throw new InvalidInputException("tags: a child of " + where + " is not an object with a non-empty "
              + "string \"name\"");
        }
        String childPath = path.isEmpty() ? childName.asText() : path + "/" + childName.asText();
        if (childName.asText().contains("/")) {
          throw new InvalidInputException("tags: tag name '" + childName.asText() + "' under " + where
              + " contains '/'");
        }
        if (!names.add(childName.asText())) {
          throw new InvalidInputException("tags: duplicate tag '" + childPath + "'");
        }
        children.add(normalTag(child, childPath));
      }
      children.sort(Comparator.comparing(c -> c.get("name").asText()));
      copy.putArray("tags").addAll(children);
    }
    return copy;
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    // A fixed entry time: equal trees give equal archives.
    entry.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }

  /**
   * Reads every file entry as the gateway does (central directory, see {@link SafeZip}), refusing unsafe names,
   * duplicates, links, headers that disagree and archives beyond the limits before they fill memory. The
   * upload is spooled to a temporary file (bounded by the inflated limit) because the central directory sits
   * at the end.
   */
  SortedMap<String, byte[]> unzip(InputStream export) throws IOException {
    Path tmp = SafeZip.spool(export, maxBytes, "export");
    try (SafeZip zip = SafeZip.open(tmp, "export", new SafeZip.Limits(maxEntries, maxBytes, MAX_RATIO,
        RATIO_FLOOR_BYTES))) {
      SortedMap<String, byte[]> entries = new TreeMap<>();
      for (String name : zip.names()) {
        entries.put(name, zip.read(name));
      }
      return entries;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A relative path of plain segments: no traversal, no absolute or drive paths, no backslashes. */
  private static String checkedPath(String field, String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || DRIVE.matcher(path).matches()) {
      throw new InvalidInputException(field + ": unsafe entry name '" + path + "'");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidInputException(field + ": unsafe entry name '" + path + "'");
      }
    }
    return path;
  }

  /** {@code com.inductiveautomation.perspective/views/Main} → {@code com.inductiveautomation.perspective/views}. */
  static String typeOf(String path) {
    String[] segments = path.split("/");
    return segments.length < 2 ? path : segments[0] + "/" + segments[1];
  }
}
