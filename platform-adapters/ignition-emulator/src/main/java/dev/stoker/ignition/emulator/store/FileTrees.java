package dev.stoker.ignition.emulator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Directory operations the stores need: staging next to the data so replacing a tree is a rename. */
public final class FileTrees {

    private FileTrees() {
    }

    /** A fresh directory on the data volume for unpacking uploads before they replace live data. */
    public static Path newStagingDir(Path dataDir) {
        try {
            return Files.createDirectories(stagingRoot(dataDir).resolve(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path stagingRoot(Path dataDir) {
        return dataDir.resolve(".emulator-staging");
    }

    /** Replaces {@code target} by {@code source}; the old tree is moved aside first and only then deleted. */
    public static void replace(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling(target.getFileName() + ".old-" + UUID.randomUUID());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
