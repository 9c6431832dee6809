package dev.stoker.ignition.emulator.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A third-party module file: a zip whose {@code module.xml} names the module (id, name, version);
 * signed modules also carry {@code certificates.p7b} and {@code signatures.properties}.
 */
public record ModuleFile(Path file, String id, String name, String version, boolean signed) {

    /** Reads the module descriptor; empty when the file is not a readable module. */
    public static Optional<ModuleFile> read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry descriptor = zip.getEntry("module.xml");
            if (descriptor == null) {
                return Optional.empty();
            }
            Element module;
            try (InputStream in = zip.getInputStream(descriptor)) {
                module = firstModuleElement(parse(in));
            }
            if (module == null || text(module, "id").isEmpty()) {
                return Optional.empty();
            }
            boolean signed = zip.getEntry("certificates.p7b") != null && zip.getEntry("signatures.properties") != null;
            return Optional.of(new ModuleFile(file, text(module, "id"), text(module, "name"), text(module, "version"), signed));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Document parse(InputStream in) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Module files come from users: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable module.xml", e);
        }
    }

    /** module.xml has a {@code <modules>} root with one {@code <module>}; a bare {@code <module>} root is accepted too. */
    private static Element firstModuleElement(Document doc) {
        Element root = doc.getDocumentElement();
        if (root.getTagName().equals("module")) {
            return root;
        }
        NodeList modules = root.getElementsByTagName("module");
        return modules.getLength() == 0 ? null : (Element) modules.item(0);
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
