package dev.stoker.ignition.emulator.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Listing of the files dropped into user-lib folders and the community image's /modules and /jdbc mounts. */
final class UserLib {

    private UserLib() {
    }

    /** Files ending in {@code suffix} directly inside each existing folder, sorted per folder. */
    static List<Path> files(List<Path> dirs, String suffix) {
        List<Path> found = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                        .sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** Changes whenever a file is added, removed, resized or touched: tells that a restart is due. */
    static String fingerprint(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path file : files) {
            try {
                sb.append(file).append(':').append(Files.size(file)).append(':')
                        .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            } catch (IOException e) {
                sb.append(file).append(":gone\n");
            }
        }
        return sb.toString();
    }
}
