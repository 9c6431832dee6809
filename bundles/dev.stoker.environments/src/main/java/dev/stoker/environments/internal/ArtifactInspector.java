package dev.stoker.environments.internal;

import dev.stoker.api.archive.SafeZip;
import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.environment.ArtifactKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Finds out what an uploaded file is. The extension says what it claims to be ({@code .modl} module,
 * {@code .jar} JDBC driver, {@code .gwbk} gateway backup); the content must confirm it. The archive is read
 * as the gateway reads it ({@link SafeZip}: central directory, local headers that must agree, no duplicates,
 * no symbolic links) and every entry is inflated once, counting bytes, so an archive with unsafe names,
 * too many entries, too many inflated bytes or an inflation ratio typical of zip bombs is refused before
 * anything is kept — the gateway would unpack it later.
 */
final class ArtifactInspector {

  /**
   * Archive limits.
   *
   * @param maxEntries most entries
   * @param maxInflatedBytes most bytes all entries inflate to
   * @param maxRatio most inflated bytes per stored byte (over the whole archive, once past 1 MiB)
   */
  record Limits(int maxEntries, long maxInflatedBytes, int maxRatio) {
    static final Limits DEFAULT = new Limits(100_000, 8L << 30, 200);
  }

  /** What the content is and what was read from it. */
  record Inspection(ArtifactKind kind, Map<String, String> attributes) {
  }

  private static final int MAX_DESCRIPTOR_BYTES = 1 << 20;
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ ()+-]{0,200}");
  private static final Pattern BACKUP_VERSION = Pattern.compile("<version>\\s*([0-9][0-9A-Za-z.+-]*)\\s*</version>");
  private static final String MODULE_XML = "module.xml";
  private static final String BACKUP_INFO = "backupinfo.xml";
  private static final String BACKUP_DB = "db_backup_sqlite.idb";
  private static final String DRIVER_SERVICES = "META-INF/services/java.sql.Driver";

  private final Limits limits;

  ArtifactInspector(Limits limits) {
    this.limits = limits;
  }

  /**
   * @return the kind a file name claims
   * @throws IllegalArgumentException starting with {@code field:} for an unsafe name or an unknown extension
   */
  static ArtifactKind kindOf(String field, String fileName) {
    checkFileName(field, fileName);
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".modl")) {
      return ArtifactKind.MODULE;
    }
    if (lower.endsWith(".jar")) {
      return ArtifactKind.JDBC;
    }
    if (lower.endsWith(".gwbk")) {
      return ArtifactKind.BACKUP;
    }
    throw new InvalidInputException(field + ": '" + fileName
        + "' must end in .modl (module), .jar (JDBC driver) or .gwbk (gateway backup)");
  }

  /** @throws IllegalArgumentException starting with {@code field:} unless the name is a plain file name */
  static void checkFileName(String field, String fileName) {
    if (fileName == null || fileName.isBlank()) {
      throw new InvalidInputException(field + ": required, e.g. my-module.modl");
    }
    if (!FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
      throw new InvalidInputException(field + ": '" + clip(fileName) + "' is not a plain file name (letters, "
          + "digits, '.', '_', '-', '+', spaces and brackets; no folders)");
    }
  }

  /**
   * @param file the uploaded bytes
   * @param fileName the name it was uploaded under (decides the kind it must be)
   * @return what it is
   * @throws IllegalArgumentException starting with {@code fileName:} or {@code file:}
   */
  Inspection inspect(Path file, String fileName) throws IOException {
    ArtifactKind claimed = kindOf("fileName", fileName);
    Contents c = read(file);
    Map<String, String> attributes = new LinkedHashMap<>();
    switch (claimed) {
      case MODULE -> {
        if (c.moduleXml == null) {
          throw new InvalidInputException("file: '" + fileName + "' is not an Ignition module: it has no "
              + MODULE_XML);
        }
        readModule(fileName, c.moduleXml, attributes);
      }
      case JDBC -> {
        if (!c.javaEntries) {
          throw new InvalidInputException("file: '" + fileName + "' is not a Java archive: it has no META-INF/ "
              + "or .class entries");
        }
        if (c.driverServices != null) {
          String drivers = String.join(",", new String(c.driverServices, StandardCharsets.UTF_8).lines()
              .map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList());
          if (!drivers.isEmpty()) {
            attributes.put("driverClasses", clip(drivers));
          }
        }
      }
      case BACKUP -> {
        if (c.backupInfo == null || !c.backupDb) {
          throw new InvalidInputException("file: '" + fileName + "' is not an Ignition gateway backup: it needs "
              + BACKUP_INFO + " and " + BACKUP_DB);
        }
        Matcher m = BACKUP_VERSION.matcher(new String(c.backupInfo, StandardCharsets.UTF_8));
        if (m.find()) {
          attributes.put("ignitionVersion", m.group(1));
        }
      }
      default -> throw new IllegalStateException(claimed.name());
    }
    attributes.put("entries", Integer.toString(c.entries));
    return new Inspection(claimed, attributes);
  }

  /** What the walk over the archive found. */
  private static final class Contents {
    int entries;
    byte[] moduleXml;
    byte[] backupInfo;
    byte[] driverServices;
    boolean backupDb;
    boolean javaEntries;
  }

  /** Reads the archive as the gateway does: by its central directory, checked by {@link SafeZip}. */
  private Contents read(Path file) throws IOException {
    Contents c = new Contents();
    try (SafeZip zip = SafeZip.open(file, "file", new SafeZip.Limits(limits.maxEntries(), limits.maxInflatedBytes(),
        limits.maxRatio(), 1L << 20))) {
      byte[] buffer = new byte[64 * 1024];
      for (String name : zip.names()) {
        c.entries++;
        ByteArrayOutputStream keep = wanted(name) ? new ByteArrayOutputStream() : null;
        // Every entry is inflated once, so that a bomb is found now, not by the gateway.
        try (InputStream in = zip.open(name)) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            if (keep != null) {
              if (keep.size() + n > MAX_DESCRIPTOR_BYTES) {
                throw new InvalidInputException("file", name + " is larger than " + MAX_DESCRIPTOR_BYTES + " bytes");
              }
              keep.write(buffer, 0, n);
            }
          }
        }
        note(c, name, keep);
      }
    }
    return c;
  }

  private static boolean wanted(String name) {
    return name.equals(MODULE_XML) || name.equals(BACKUP_INFO) || name.equals(DRIVER_SERVICES);
  }

  private static void note(Contents c, String name, ByteArrayOutputStream kept) {
    switch (name) {
      case MODULE_XML -> c.moduleXml = kept.toByteArray();
      case BACKUP_INFO -> c.backupInfo = kept.toByteArray();
      case DRIVER_SERVICES -> c.driverServices = kept.toByteArray();
      case BACKUP_DB -> c.backupDb = true;
      default -> {
      }
    }
    if (name.startsWith("META-INF/") || name.endsWith(".class")) {
      c.javaEntries = true;
    }
  }

  private static void readModule(String fileName, byte[] xml, Map<String, String> attributes) {
    Element module;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // module.xml comes from users: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setExpandEntityReferences(false);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
      Element root = doc.getDocumentElement();
      NodeList modules = root.getElementsByTagName("module");
      module = root.getTagName().equals("module") ? root : modules.getLength() == 0 ? null : (Element) modules.item(0);
    } catch (Exception e) {
      throw new InvalidInputException("file: the " + MODULE_XML + " of '" + fileName + "' is not readable XML");
    }
    String id = module == null ? "" : text(module, "id");
    if (id.isEmpty()) {
      throw new InvalidInputException("file: the " + MODULE_XML + " of '" + fileName + "' names no module id");
    }
    attributes.put("moduleId", clip(id));
    putIfPresent(attributes, "moduleName", text(module, "name"));
    putIfPresent(attributes, "moduleVersion", text(module, "version"));
  }

  private static void putIfPresent(Map<String, String> attributes, String key, String value) {
    if (!value.isEmpty()) {
      attributes.put(key, clip(value));
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  /** Reads the bytes of a stream into a file, refusing more than {@code maxBytes}. */
  static long spool(InputStream in, Path file, long maxBytes) throws IOException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (var out = Files.newOutputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new InvalidInputException("file: larger than the limit of " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return total;
  }
}
