package dev.stoker.api.telemetry;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway logs Stoker collects from every running environment, kept for a time and up to a size, searchable
 * per environment and across, and followed live.
 *
 * <p>Threading: safe for concurrent use; {@link #follow} calls its sink on a collector thread.
 *
 * @since 1.1
 */
@org.osgi.annotation.versioning.ProviderType
public interface LogService {
  /** Levels, least severe first; a level filter keeps that level and the more severe ones. */
  List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

  /**
   * @param q words the message or logger must contain (case-insensitive), or {@code null}
   * @param environment only this environment, or {@code null} for every one
   * @param level the least severe level to include, or {@code null}
   * @param since only lines written at or after this time, or {@code null}
   * @param page offset and limit
   * @return matching lines, the newest first
   * @throws dev.stoker.api.common.InvalidInputException naming {@code q}, {@code environment} or {@code level}
   */
  Page<LogEntry> search(String q, String environment, String level,
      Instant since, PageRequest page);

  /**
   * Follows the lines collected from now on that match the filters (as {@link #search}).
   *
   * @param sink receives each line; must not block for long
   * @return closing it stops the following
   */
  AutoCloseable follow(String q, String environment, String level,
      Consumer<LogEntry> sink);
}
