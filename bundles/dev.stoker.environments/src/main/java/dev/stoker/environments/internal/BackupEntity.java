package dev.stoker.environments.internal;

import dev.stoker.api.environment.EnvironmentBackup;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code stoker_environment_backup}. */
@Entity
@Table(name = "stoker_environment_backup")
public class BackupEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "environment_id")
  String environmentId;
  @Column(name = "sha256")
  String sha256;
  @Column(name = "size_bytes")
  long size;
  @Column(name = "image")
  String image;
  @Column(name = "platform_version")
  String version;
  /** {@code gwbk} (the gateway's backup file) or {@code data-snapshot} (a tar.gz of its data volume) */
  @Column(name = "backup_format")
  String format = DataSnapshots.GWBK;
  @Column(name = "operation_id")
  String operationId;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "created_at")
  long createdAt;

  public BackupEntity() {
    // for JPA
  }

  EnvironmentBackup toBackup() {
    return new EnvironmentBackup(id, environmentId, sha256, size, image, version, createdBy,
        Instant.ofEpochMilli(createdAt));
  }
}
