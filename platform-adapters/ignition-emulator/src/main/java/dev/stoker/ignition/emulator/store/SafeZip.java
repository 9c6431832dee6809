package dev.stoker.ignition.emulator.store;

import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.config.Settings.ZipLimits;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reading and writing the zip archives the gateway exchanges (project exports, .gwbk backups).
 * Uploaded archives are untrusted: entry names may climb out of the target (zip-slip) and sizes
 * declared in headers may lie (zip bombs), so names are checked and bytes counted while inflating.
 */
public final class SafeZip {

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");

    private SafeZip() {
    }

    /**
     * Extracts {@code in} into the empty directory {@code target}.
     *
     * @throws ApiException 400 on a corrupt archive, an unsafe entry name or a breached limit
     */
    public static void extract(InputStream in, Path target, ZipLimits limits) {
        Set<String> seen = new HashSet<>();
        long total = 0;
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (seen.size() >= limits.maxEntries()) {
                    throw ApiException.badRequest("archive has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                Path destination = safeDestination(target, name);
                if (!seen.add(name)) {
                    throw ApiException.badRequest("archive contains the entry '" + name + "' twice");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (OutputStream out = Files.newOutputStream(destination)) {
                    int read;
                    while ((read = zip.read(buffer)) > 0) {
                        total += read;
                        if (total > limits.maxUncompressedBytes()) {
                            throw ApiException.badRequest("archive expands to more than " + limits.maxUncompressedBytes() + " bytes");
                        }
                        out.write(buffer, 0, read);
                    }
                }
            }
        } catch (ZipException e) {
            throw ApiException.badRequest("corrupt zip archive: " + e.getMessage());
        } catch (EOFException e) {
            throw ApiException.badRequest("truncated zip archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (seen.isEmpty()) {
            // ZipInputStream reads non-zip bytes as an archive without entries.
            throw ApiException.badRequest("body is not a zip archive (or the archive is empty)");
        }
    }

    /** Rejects absolute names, drive letters, backslashes and any '..' segment, then double-checks the resolved path. */
    static Path safeDestination(Path target, String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || DRIVE_LETTER.matcher(name).matches()
                || name.indexOf('\0') >= 0) {
            throw ApiException.badRequest("unsafe entry name in archive: '" + name + "'");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw ApiException.badRequest("unsafe entry name in archive (path traversal): '" + name + "'");
            }
        }
        Path resolved = target.resolve(name).normalize();
        if (!resolved.startsWith(target) || resolved.equals(target)) {
            throw ApiException.badRequest("unsafe entry name in archive: '" + name + "'");
        }
        return resolved;
    }

    /** Adds every file under {@code dir} as {@code prefix + relative path}, in sorted order so archives are reproducible. */
    public static void addTree(ZipOutputStream zip, Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            addFile(zip, prefix + relative, Files.readAllBytes(file));
        }
    }

    public static void addFile(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
