package dev.stoker.repository.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stoker.api.repository.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Unfinished merges, one JSON file each under the project's Git directory ({@code stoker-merges/}). A merge
 * holds only the three commits and the resolutions given so far: its result is recomputed from them, so the
 * repository itself never enters a merging state and a crash loses nothing but the file.
 */
final class MergeSessions {
  static final String FOLDER = "stoker-merges";
  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * What is kept of a merge between calls; once finished, {@code outcome} ({@code COMMITTED} or
   * {@code UP_TO_DATE}) and the resulting {@code revision} are kept too, so the merge can still be read.
   */
  record Session(String id, String source, String target, String message, String base, String ours,
      String theirs, String createdBy, Instant created, List<Resolution> resolutions, String outcome,
      String revision) {
    Session {
      resolutions = List.copyOf(resolutions == null ? List.of() : resolutions);
    }

    Session with(List<Resolution> newResolutions) {
      return new Session(id, source, target, message, base, ours, theirs, createdBy, created, newResolutions,
          outcome, revision);
    }

    Session finished(String newOutcome, String newRevision) {
      return new Session(id, source, target, message, base, ours, theirs, createdBy, created, resolutions,
          newOutcome, newRevision);
    }

    boolean isFinished() {
      return outcome != null;
    }
  }

  private MergeSessions() {
  }

  static void save(Path gitDir, Session session) throws IOException {
    Path folder = Files.createDirectories(gitDir.resolve(FOLDER));
    Path tmp = Files.createTempFile(folder, "merge-", ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), session);
      Files.move(tmp, folder.resolve(session.id() + ".json"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static Optional<Session> load(Path gitDir, String id) throws IOException {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Path file = gitDir.resolve(FOLDER).resolve(id + ".json");
    return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), Session.class)) : Optional.empty();
  }

  static boolean delete(Path gitDir, String id) throws IOException {
    if (id == null || !ID.matcher(id).matches()) {
      return false;
    }
    return Files.deleteIfExists(gitDir.resolve(FOLDER).resolve(id + ".json"));
  }

  /** Drops sessions older than the retention; returns how many. */
  static int expire(Path gitDir, Instant now, Duration retention) throws IOException {
    Path folder = gitDir.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    List<Path> old = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.filter(f -> f.toString().endsWith(".json")).forEach(f -> {
        try {
          if (Files.getLastModifiedTime(f).toInstant().plus(retention).isBefore(now)) {
            old.add(f);
          }
        } catch (IOException e) {
          // gone meanwhile
        }
      });
    }
    for (Path f : old) {
      Files.deleteIfExists(f);
    }
    return old.size();
  }
}
