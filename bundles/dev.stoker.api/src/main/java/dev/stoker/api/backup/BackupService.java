package dev.stoker.api.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Writes and keeps Stoker's own backups. Thread-safe; one backup is written at a time (a second request while one
 * is written is refused with a {@link dev.stoker.api.common.ConflictException}).
 */
@org.osgi.annotation.versioning.ProviderType
public interface BackupService {

  /**
   * Writes a backup now.
   *
   * @param request what to include
   * @param actor who asked, for the log
   * @return the archive written
   * @throws dev.stoker.api.common.InvalidInputException when keys are asked for without a passphrase good enough
   * @throws dev.stoker.api.common.ConflictException while another backup is written, or while environment
   *     operations are queued or running (their queue is not part of a backup)
   * @throws dev.stoker.api.common.UnavailableException when the database cannot be backed up now
   */
  BackupInfo create(BackupRequest request, String actor);

  /** @return the archives kept, newest first */
  List<BackupInfo> list();

  /**
   * @param name an archive's name as {@link #list} gives it
   * @return its content; the caller closes it
   * @throws dev.stoker.api.common.NotFoundException when there is no such archive
   */
  InputStream open(String name) throws IOException;

  /**
   * @param name an archive's name
   * @throws dev.stoker.api.common.NotFoundException when there is no such archive
   */
  void delete(String name) throws IOException;
}
