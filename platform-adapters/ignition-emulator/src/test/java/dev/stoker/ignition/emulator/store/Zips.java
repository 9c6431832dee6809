package dev.stoker.ignition.emulator.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds and reads small zip archives in memory for tests. */
public final class Zips {

    private Zips() {
    }

    /** Alternating entry names and text contents. */
    public static byte[] of(String... namesAndContents) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            entries.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return of(entries);
    }

    public static byte[] of(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Entry name to content, in archive order. */
    public static Map<String, byte[]> read(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A minimal project export: project.json at the root and one script resource. */
    public static byte[] project(String title, String code, String signature) {
        return of(
                "project.json", "{\"title\":\"" + title + "\",\"description\":\"\",\"enabled\":true,\"inheritable\":false,\"parent\":\"\"}",
                "ignition/script-python/util/resource.json",
                "{\"scope\":\"A\",\"version\":1,\"restricted\":false,\"overridable\":true,\"files\":[\"code.py\"],"
                        + "\"attributes\":{\"lastModificationSignature\":\"" + signature + "\","
                        + "\"lastModification\":{\"actor\":\"test\",\"timestamp\":\"2024-01-01T00:00:00Z\"}}}",
                "ignition/script-python/util/code.py", code);
    }

    /** A project folder as files (relative path to text): project.json and one Perspective view {@code Main}. */
    public static Map<String, String> perspectiveProject(String title, boolean enabled, String viewText) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("project.json", "{\"title\":\"" + title + "\",\"description\":\"\",\"enabled\":" + enabled
                + ",\"inheritable\":false,\"parent\":\"\"}");
        files.put("com.inductiveautomation.perspective/views/Main/resource.json",
                "{\"scope\":\"G\",\"version\":1,\"restricted\":false,\"overridable\":true,\"files\":[\"view.json\"],"
                        + "\"attributes\":{\"lastModificationSignature\":\"stale\"}}");
        files.put("com.inductiveautomation.perspective/views/Main/view.json", viewText);
        return files;
    }

    /** The files as an export zip. */
    public static byte[] zip(Map<String, String> files) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return of(entries);
    }

    /** Writes the files (relative path to text) under a folder, as a tool writing into the data volume would. */
    public static void write(java.nio.file.Path folder, Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            java.nio.file.Path path = folder.resolve(file.getKey());
            java.nio.file.Files.createDirectories(path.getParent());
            java.nio.file.Files.writeString(path, file.getValue());
        }
    }
}
