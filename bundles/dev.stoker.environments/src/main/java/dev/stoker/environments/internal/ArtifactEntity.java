package dev.stoker.environments.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code stoker_artifact}: what an uploaded (or backed-up) blob is, for everyone or for one project
 * (key: the sha256, or {@code <sha256>@<project>}).
 */
@Entity
@Table(name = "stoker_artifact")
public class ArtifactEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "sha256")
  String sha256;
  @Column(name = "project")
  String project;
  @Column(name = "kind")
  String kind;
  @Column(name = "file_name")
  String fileName;
  @Column(name = "size_bytes")
  long size;
  @Column(name = "attributes_json")
  String attributesJson;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "created_at")
  long createdAt;

  public ArtifactEntity() {
    // for JPA
  }

  /** @return the key of the entry of this content for the project ({@code null}: for everyone) */
  static String key(String sha256, String project) {
    return project == null ? sha256 : sha256 + "@" + project;
  }
}
